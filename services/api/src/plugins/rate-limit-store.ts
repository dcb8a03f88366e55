import type { FastifyRateLimitStore } from '@fastify/rate-limit';
import type { Redis, Result } from 'ioredis';

/**
 * How often each process adds its requests to the shared counts in Redis. Between syncs a process counts
 * alone, so a member spread over N processes may pass the limit by what they send in N − 1 of these spans;
 * one Redis round trip per request cost the API about a tenth of its throughput (bench/http.bench.ts).
 */
export const RATE_LIMIT_SYNC_MS = 100;

interface WindowCount {
  /** When the member's window ends (ms since the epoch); Redis's, once a sync has told it. */
  windowEnd: number;
  /** The count across processes as of the last sync (this process's synced requests included). */
  shared: number;
  /** This process's requests not yet added in Redis. */
  pending: number;
}

type IncrCallback = Parameters<FastifyRateLimitStore['incr']>[1];

/**
 * Adds a process's requests to a member's count; the first requests of a window start it, as in the plugin's
 * own RedisStore. Replies the count across processes and the window's remaining time.
 */
const ADD_REQUESTS_SCRIPT = `
local count = redis.call('INCRBY', KEYS[1], ARGV[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  ttl = tonumber(ARGV[2])
end
return {count, ttl}`;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    addRateLimitedRequests(key: string, added: number, windowMs: number): Result<[number, number], Context>;
  }
}

/**
 * A rate-limit store for @fastify/rate-limit, shared by every API process through Redis like the plugin's
 * RedisStore, but with counts kept here and synced in one pipeline every RATE_LIMIT_SYNC_MS instead of one
 * round trip per request. Redis away: counting goes on here, and the requests are added once it is back.
 */
export class SyncedRateLimitCounts {
  private readonly counts = new Map<string, WindowCount>();
  private readonly timer: NodeJS.Timeout;
  private syncing: Promise<void> | null = null;

  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
    syncMs = RATE_LIMIT_SYNC_MS,
  ) {
    if (!redis.addRateLimitedRequests)
      redis.defineCommand('addRateLimitedRequests', { numberOfKeys: 1, lua: ADD_REQUESTS_SCRIPT });
    this.timer = setInterval(() => void this.sync(), syncMs);
    this.timer.unref();
  }

  /** A store class for the plugin's `store` option; routes with limits of their own count apart. */
  storeClass(): new () => FastifyRateLimitStore {
    const storeFor = (routePrefix: string): FastifyRateLimitStore => ({
      incr: (key, callback, timeWindow) => this.incr(routePrefix + key, timeWindow, callback),
      child: ({ method, url }) => storeFor(`${routePrefix}${String(method)}${url}-`),
    });
    // The plugin instantiates `store` with `new`; a constructor returning an object yields that object.
    return function RateLimitStore() {
      return storeFor('');
    } as unknown as new () => FastifyRateLimitStore;
  }

  incr(key: string, timeWindow: number, callback: IncrCallback): void {
    const now = Date.now();
    let count = this.counts.get(key);
    if (!count || count.windowEnd <= now) {
      count = { windowEnd: now + timeWindow, shared: 0, pending: 0 };
      this.counts.set(key, count);
    }
    count.pending += 1;
    callback(null, { current: count.shared + count.pending, ttl: count.windowEnd - now });
  }

  /** Adds the pending requests to Redis and learns the counts of the other processes; one sync at a time. */
  sync(): Promise<void> {
    this.syncing ??= this.pushPending().finally(() => {
      this.syncing = null;
    });
    return this.syncing;
  }

  /** Stops syncing, after adding what is pending. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.sync();
  }

  private async pushPending(): Promise<void> {
    const sentAt = Date.now();
    const batch: [count: WindowCount, added: number][] = [];
    const pipeline = this.redis.pipeline();
    for (const [key, count] of this.counts) {
      if (count.pending > 0) {
        batch.push([count, count.pending]);
        pipeline.addRateLimitedRequests(
          this.keyPrefix + key,
          count.pending,
          Math.max(1, count.windowEnd - sentAt),
        );
      } else if (count.windowEnd <= sentAt) this.counts.delete(key);
    }
    if (batch.length === 0) return;
    let replies: Awaited<ReturnType<typeof pipeline.exec>>;
    try {
      replies = await pipeline.exec();
    } catch {
      // Redis away: the requests stay pending until a later sync gets through.
      return;
    }
    batch.forEach(([count, added], i) => {
      const [error, reply] = replies?.[i] ?? [new Error('no reply')];
      if (error) return;
      const [total, ttl] = reply as [number, number];
      count.pending -= added;
      count.shared = total;
      count.windowEnd = sentAt + ttl;
    });
  }
}
