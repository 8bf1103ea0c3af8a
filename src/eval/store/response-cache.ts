/**
 * A provider that remembers: each successful response is stored under (provider name, conversation key
 * of the messages, plus the tools and sampling settings when given), and the same request later is
 * answered from the store. Re-running or re-judging an evaluation then costs no model calls. Only
 * successes are cached; errors are always retried. Streaming passes through (evaluation does not stream).
 */
import { createHash } from "node:crypto";
import { conversationKey } from "../../providers/conversation-key.js";
import type { ChatChunk, ChatRequest, ChatResponse, Provider } from "../../providers/types.js";

export interface ResponseCache {
  cacheGet<T>(target: string, key: string): Promise<T | undefined>;
  cachePut(target: string, key: string, value: unknown): Promise<void>;
}

/** The cache key of a request: the conversation key, extended by whatever else shapes the answer. */
export function requestKey(request: ChatRequest): string {
  const key = conversationKey(request.messages);
  const extra: Record<string, unknown> = {};
  if (request.tools && request.tools.length > 0) extra.tools = request.tools;
  if (request.model !== undefined) extra.model = request.model;
  if (request.temperature !== undefined) extra.temperature = request.temperature;
  if (request.maxTokens !== undefined) extra.maxTokens = request.maxTokens;
  if (Object.keys(extra).length === 0) return key;
  return `${key}:${createHash("sha256").update(JSON.stringify(extra)).digest("hex").slice(0, 16)}`;
}

export interface CacheStats {
  hits: number;
  misses: number;
}

export interface CachedProvider extends Provider {
  readonly stats: CacheStats;
}

export function cachedProvider(
  provider: Provider,
  cache: ResponseCache,
  namespace = provider.name,
): CachedProvider {
  const stats: CacheStats = { hits: 0, misses: 0 };
  return {
    name: provider.name,
    stats,
    async complete(request: ChatRequest): Promise<ChatResponse> {
      const key = requestKey(request);
      const hit = await cache.cacheGet<ChatResponse>(namespace, key);
      if (hit) {
        stats.hits++;
        return hit;
      }
      stats.misses++;
      const res = await provider.complete(request);
      await cache.cachePut(namespace, key, res);
      return res;
    },
    stream(request: ChatRequest): AsyncIterable<ChatChunk> {
      return provider.stream(request);
    },
  };
}
