import Redis, { type RedisOptions } from "ioredis";

// Redis connection options that work both on a local redis-server and on Upstash.
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
