import Redis, { type RedisOptions } from "ioredis";
import { env } from "./env";

// Every Redis connection of the process is made here. Options that work both on a local redis-server and on Upstash.
// Bull v4 ignores the rediss:// scheme when it parses a URL itself, so we parse it here
// and pass explicit options, with TLS for rediss://.

export function redisOptionsFromUrl(url: string): RedisOptions {
  const parsed = new URL(url);
  if (parsed.protocol !== "redis:" && parsed.protocol !== "rediss:") {
    throw new Error("REDIS_URL must start with redis:// or rediss://");
  }
  const db = parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : undefined;
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 6379,
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: Number.isInteger(db) ? db : undefined,
    tls: parsed.protocol === "rediss:" ? { servername: parsed.hostname } : undefined,
    // Give up on a command after a few reconnect attempts instead of hanging a request.
    maxRetriesPerRequest: 3,
    connectTimeout: 5000,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  };
}

export type BullClientType = "client" | "subscriber" | "bclient";

/**
 * Bull's createClient: the blocking and subscriber connections must not give up on
 * commands (maxRetriesPerRequest: null) nor wait for INFO-based readiness (Upstash
 * restricts it); the normal client keeps the bounded retries above.
 */
export function createBullRedisClient(url: string, type: BullClientType): Redis {
  const base = redisOptionsFromUrl(url);
  if (type === "client") return new Redis(base);
  return new Redis({ ...base, maxRetriesPerRequest: null, enableReadyCheck: false });
}

/** A plain client for our own keys (heartbeats, health checks). */
export function createRedisClient(url: string): Redis {
  return new Redis(redisOptionsFromUrl(url));
}

const globalForRedis = globalThis as unknown as { tallyboardRedis?: Redis };

/** The process's Redis connection for our own keys (heartbeats, health, rate limits, caches). */
export function getRedis(): Redis {
  if (!globalForRedis.tallyboardRedis) {
    globalForRedis.tallyboardRedis = createRedisClient(env().REDIS_URL);
    // Without a listener an 'error' event would crash the process; callers see the failed command.
    globalForRedis.tallyboardRedis.on("error", () => undefined);
  }
  return globalForRedis.tallyboardRedis;
}

export function closeRedis(): void {
  globalForRedis.tallyboardRedis?.disconnect();
  globalForRedis.tallyboardRedis = undefined;
}

/** Redis keys of our own, under the Bull prefix so a hash-tagged prefix keeps one slot. */
export function appKey(...parts: string[]): string {
  return [env().BULL_PREFIX, "tallyboard", ...parts].join(":");
}
