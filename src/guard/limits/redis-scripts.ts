/**
 * Lua scripts for the Redis store. Each runs atomically inside Redis, so one check — strike penalties and
 * every bucket, all charged or none — is one round trip however many guard instances share the server.
 * The maths mirrors gcra.ts (bucketStep; a bucket is a hash {at, debt}) and strikes.ts (applyStrike).
 * Stored numbers keep 17 significant digits (Redis formats numbers passed to redis.call with %.17g);
 * the strike scripts return theirs as %.17g strings, since Redis truncates a returned float to an integer.
 * Times are the Redis server's clock (TIME) unless the caller passes one.
 */

const PRELUDE = `
local function num(s) return tonumber(s) or 0 end
local function f(x) return string.format('%.17g', x) end
local function clock(arg)
  if arg ~= '' then return tonumber(arg) end
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
end
`;

/**
 * KEYS: [strikeKey if ARGV[2] == '1'], bucket keys...
 * ARGV: now ('' = server time), hasStrikeKey, force, eps, then per bucket: intervalMs, capacityMs, cost,
 * throttledOnly.
 * Returns integers only (formatting numbers as strings is the costliest part of a Lua script): allowed,
 * blockedForUs, throttled, then per bucket: allowed, skipped, tooLarge, remaining, resetUs, retryAfterUs
 * (-1 when the request can never fit). Durations are whole microseconds, rounded up.
 */
export const CHECK_SCRIPT = `
local function num(s) return tonumber(s) or 0 end
local function us(ms) return math.ceil(ms * 1000) end
local now
if ARGV[1] == '' then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
else
  now = tonumber(ARGV[1])
end
local force = ARGV[3] == '1'
local eps = tonumber(ARGV[4])
local off = 0
local blockedFor = 0
local throttled = false
if ARGV[2] == '1' then
  off = 1
  local r = redis.call('HMGET', KEYS[1], 'blockedUntil', 'throttledUntil')
  blockedFor = math.max(0, num(r[1]) - now)
  throttled = num(r[2]) > now
end
local n = #KEYS - off
local out = {0, us(blockedFor), throttled and 1 or 0}
if blockedFor > 0 and not force then
  for i = 1, n do
    local o = 3 + (i - 1) * 6
    out[o + 1] = 1; out[o + 2] = 1; out[o + 3] = 0; out[o + 4] = 0; out[o + 5] = 0; out[o + 6] = 0
  end
  return out
end
local allowed = true
local debts = {}
for i = 1, n do
  local a = 4 + (i - 1) * 4
  local o = 3 + (i - 1) * 6
  if ARGV[a + 4] == '1' and not throttled then
    debts[i] = false
    out[o + 1] = 1; out[o + 2] = 1; out[o + 3] = 0; out[o + 4] = 0; out[o + 5] = 0; out[o + 6] = 0
  else
    local interval = tonumber(ARGV[a + 1])
    local cap = tonumber(ARGV[a + 2])
    local cost = tonumber(ARGV[a + 3])
    local st = redis.call('HMGET', KEYS[off + i], 'at', 'debt')
    local owed = math.max(0, num(st[2]) - math.max(0, now - num(st[1])))
    local debt = owed + cost * interval
    local fits = debt <= cap + eps
    local tooLarge = (not force) and cost * interval > cap + eps
    local ok = fits or force
    if not ok then allowed = false end
    local after = owed
    if ok then after = debt end
    local retry = 0
    if not fits then
      if tooLarge then retry = -1 else retry = us(debt - cap) end
    end
    debts[i] = debt
    out[o + 1] = ok and 1 or 0
    out[o + 2] = 0
    out[o + 3] = tooLarge and 1 or 0
    out[o + 4] = math.max(0, math.floor((cap - after + eps) / interval))
    out[o + 5] = us(after)
    out[o + 6] = retry
  end
end
if allowed then
  out[1] = 1
  -- All or nothing: only an allowed request charges. A key lives until its bucket is full again (an
  -- absent key is a full bucket). Numbers passed to redis.call keep 17 significant digits.
  for i = 1, n do
    local debt = debts[i]
    if debt then
      redis.call('HSET', KEYS[off + i], 'at', now, 'debt', debt)
      redis.call('PEXPIRE', KEYS[off + i], math.ceil(debt) + 1)
    end
  end
end
return out
`;

const RECORD_FIELDS = `'score', 'at', 'count', 'throttledUntil', 'blockedUntil'`;

/**
 * KEYS: strikeKey. ARGV: now, weight, halfLifeMs, throttleAt, throttleForMs, blockAt, blockForMs,
 * escalateAt, negligibleScore (thresholds of -1 are off).
 * Returns: now, score, at, count, throttledUntil, blockedUntil, newlyEscalated.
 */
export const STRIKE_SCRIPT = `${PRELUDE}
local now = clock(ARGV[1])
local weight = tonumber(ARGV[2])
local hl = tonumber(ARGV[3])
local throttleAt = tonumber(ARGV[4])
local blockAt = tonumber(ARGV[6])
local escalateAt = tonumber(ARGV[8])
local r = redis.call('HMGET', KEYS[1], ${RECORD_FIELDS})
local before = num(r[1]) * 2 ^ (-math.max(0, now - num(r[2])) / hl)
local score = before + weight
local count = num(r[3]) + 1
local tu = num(r[4])
local bu = num(r[5])
if throttleAt >= 0 and score >= throttleAt then tu = math.max(tu, now + tonumber(ARGV[5])) end
if blockAt >= 0 and score >= blockAt then bu = math.max(bu, now + tonumber(ARGV[7])) end
local newly = escalateAt >= 0 and before < escalateAt and score >= escalateAt
redis.call('HSET', KEYS[1], 'score', f(score), 'at', f(now), 'count', f(count),
  'throttledUntil', f(tu), 'blockedUntil', f(bu))
local negligible = tonumber(ARGV[9])
local decay = 0
if score > negligible then decay = hl * math.log(score / negligible) / math.log(2) end
local ttl = math.max(decay, tu - now, bu - now, 0)
redis.call('PEXPIRE', KEYS[1], string.format('%d', math.ceil(ttl) + 1))
return {f(now), f(score), f(now), f(count), f(tu), f(bu), newly and '1' or '0'}
`;

/** KEYS: strikeKey. ARGV: now. Returns: now, score, at, count, throttledUntil, blockedUntil. */
export const READ_STRIKES_SCRIPT = `${PRELUDE}
local now = clock(ARGV[1])
local r = redis.call('HMGET', KEYS[1], ${RECORD_FIELDS})
return {f(now), f(num(r[1])), f(num(r[2])), f(num(r[3])), f(num(r[4])), f(num(r[5]))}
`;
