/**
 * Event ids: UUID version 7 (48-bit millisecond time, then a counter, then random bits), monotonic
 * within a process, so ordering by id is ordering by record time — and ids from different processes
 * still never collide. Random bits come from a pooled buffer: an id costs no system call.
 */
import { randomFillSync } from "node:crypto";

const pool = Buffer.alloc(4096);
let poolPos = pool.length;
let lastMs = 0;
let counter = 0;

function randomByte(): number {
  if (poolPos >= pool.length) {
    randomFillSync(pool);
    poolPos = 0;
  }
  return pool[poolPos++] as number;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
const hex2 = (n: number) => HEX[n & 0xff] as string;

export function newEventId(now: number = Date.now()): string {
  let ms = now;
  if (ms <= lastMs) {
    ms = lastMs;
    counter++;
    if (counter > 0xfff) {
      ms = ++lastMs; // 4096 ids in one millisecond: borrow the next one
      counter = 0;
    }
  } else {
    counter = 0;
  }
  lastMs = ms;
  const t = ms.toString(16).padStart(12, "0");
  const tail =
    hex2(randomByte()) +
    hex2(randomByte()) +
    hex2(randomByte()) +
    hex2(randomByte()) +
    hex2(randomByte()) +
    hex2(randomByte());
  // version 7, the 12-bit counter; variant 10, 14 random bits
  return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${(counter >> 8).toString(16)}${hex2(counter)}-${hex2(0x80 | (randomByte() & 0x3f))}${hex2(randomByte())}-${tail}`;
}
