import { z } from "zod";

// Server environment, validated in one place. Parsed lazily (on first use) so that
// `next build` can import route modules without a configured environment.

const int = (fallback: number) => z.coerce.number().int().nonnegative().default(fallback);

const serverSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z.string().url({ message: "DATABASE_URL must be a postgres:// URL" }),
  REDIS_URL: z.string().default("redis://127.0.0.1:6379"),
  // Bull key prefix. Hash-tag it (e.g. "{tally}") on a Redis Cluster.
  BULL_PREFIX: z.string().min(1).default("bull"),
  NEXTAUTH_SECRET: z.string().min(1).optional(),
  CRON_SECRET: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),

  // How long a request waits for Redis when adding a job before leaving it to the reconciler.
  ENQUEUE_TIMEOUT_MS: int(1500),
  // Pending jobs older than this with no Bull job are re-added by the reconciler.
  RECONCILE_PENDING_AFTER_MS: int(60_000),
  // Summary coalescing: a user's recompute starts once their changes have been quiet this
  // long, and never later than SUMMARY_MAX_WAIT_MS after the first change it covers.
  SUMMARY_DEBOUNCE_MS: int(1000),
  SUMMARY_MAX_WAIT_MS: int(30_000),
  WORKER_CONCURRENCY_FINANCIAL_SUMMARY: int(5),
  WORKER_HEARTBEAT_INTERVAL_MS: int(10_000),
  // The worker's shutdown deadline after SIGTERM before it gives up on the current job.
  WORKER_SHUTDOWN_TIMEOUT_MS: int(30_000),
});

export type ServerEnv = z.infer<typeof serverSchema>;

let cached: ServerEnv | undefined;

export function env(): ServerEnv {
  if (cached) return cached;
  const parsed = serverSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment:\n${problems}\nSee .env.example and README.md#configuration.`);
  }
  cached = parsed.data;
  return cached;
}

/** For tests that change process.env between cases. */
export function resetEnvCache(): void {
  cached = undefined;
}
