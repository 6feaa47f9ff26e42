import { Redis as UpstashRedis } from "@upstash/redis";
import { env } from "../env";
import { log } from "../log";
import { appKey, getRedis } from "../redis";

// Per-user rate limits shared by every web instance: a counter per user and action in Redis
// (Upstash REST when configured, else the Bull Redis), one round trip per request. When Redis
// cannot be reached the request is allowed: a limit must never cost a person their saved data.

// Fixed window from the first hit: count (raised by the hit's cost), and the time left in the window.
const HIT_SCRIPT = `
local count = redis.call('INCRBY', KEYS[1], ARGV[2])
if count == tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {count, ttl}`;

const TIMEOUT_MS = 500;

export interface RateLimitResult {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Until the window resets. */
  retryAfterMs: number;
}

type Evaluator = (key: string, windowMs: number, cost: number) => Promise<[number, number]>;

let upstash: UpstashRedis | undefined;

/** The Upstash REST client when it is configured; else the counters live in the Bull Redis. */
function upstashClient(): UpstashRedis | undefined {
  const { UPSTASH_REDIS_REST_URL: url, UPSTASH_REDIS_REST_TOKEN: token } = env();
  if (!url || !token) return undefined;
  upstash ??= new UpstashRedis({ url, token, retry: false });
  return upstash;
}

function evaluator(): Evaluator {
  const rest = upstashClient();
  if (rest) return async (key, windowMs, cost) => (await rest.eval(HIT_SCRIPT, [key], [String(windowMs), String(cost)])) as [number, number];
  return async (key, windowMs, cost) => (await getRedis().eval(HIT_SCRIPT, 1, key, String(windowMs), String(cost))) as [number, number];
}

/** Counts a hit of `cost` requests (an upload counts by its size) against the limit. */
export async function hitRateLimit(action: string, userId: string, limit: number, windowMs = 60_000, cost = 1): Promise<RateLimitResult> {
  if (limit <= 0) return { allowed: true, limit, remaining: Infinity, retryAfterMs: 0 };
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("rate limit store timed out")), TIMEOUT_MS);
    });
    const [count, ttl] = await Promise.race([evaluator()(appKey("ratelimit", action, userId), windowMs, cost), timeout]);
    return { allowed: count <= limit, limit, remaining: Math.max(0, limit - count), retryAfterMs: Math.max(0, ttl) };
  } catch (err) {
    log.warn({ action, err: (err as Error).message }, "rate limit store unavailable; allowing the request");
    return { allowed: true, limit, remaining: limit, retryAfterMs: 0 };
  } finally {
    clearTimeout(timer);
  }
}

/** Forgets the count of a user (or other key) for an action, e.g. after a successful sign-in. */
export async function clearRateLimit(action: string, userId: string): Promise<void> {
  const key = appKey("ratelimit", action, userId);
  try {
    await (upstashClient() ?? getRedis()).del(key);
  } catch (err) {
    log.warn({ action, err: (err as Error).message }, "rate limit store unavailable; count not cleared");
  }
}

/** For tests that switch stores between cases. */
export function resetRateLimitStore(): void {
  upstash = undefined;
}
