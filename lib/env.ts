import { z } from "zod";
import { parseSecretKey } from "./crypto/parse-secret-key";

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
  // Test hook (lib/queue/fault-injection.ts): lets the e2e tests make a job fail. Never set it
  // in production.
  JOB_FAULT_INJECTION: z.stringbool().default(false),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),

  // How long a request waits for Redis when adding a job before leaving it to the reconciler.
  ENQUEUE_TIMEOUT_MS: int(1500),
  // Pending jobs older than this with no Bull job are re-added by the reconciler.
  RECONCILE_PENDING_AFTER_MS: int(60_000),
  // Summary coalescing: a user's recompute starts once their changes have been quiet this
  // long, and never later than SUMMARY_MAX_WAIT_MS after the first change it covers.
  SUMMARY_DEBOUNCE_MS: int(1000),
  SUMMARY_MAX_WAIT_MS: int(30_000),
  // A user whose summary keeps failing is re-requested by the reconciler after this, doubled
  // per failure since the last good summary, at most a day.
  SUMMARY_FAILURE_BACKOFF_MS: int(600_000),
  // Comma-separated Bull queues (or job types, each bringing its queue) this worker serves
  // (default: all), so heavy queues can run on their own machines: WORKER_QUEUES=bulk,receipts.
  // The worker refuses a name it knows neither as a queue nor as a type (lib/worker/start-worker.ts).
  WORKER_QUEUES: z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? v.split(",").map((n) => n.trim()).filter(Boolean) : undefined)),
  // First retry delay; later ones grow exponentially (5 s, 15 s, …).
  JOB_BACKOFF_MS: int(5000),
  // Multiplies every queue's lock duration (tests shorten it to see stalled-job recovery).
  WORKER_LOCK_DURATION_FACTOR: z.coerce.number().positive().default(1),
  // Time zone of the repeatable schedules (e.g. the daily 03:00 insight run).
  SCHEDULE_TIMEZONE: z.string().default("UTC"),
  // Comma-separated emails that get the admin role when they sign in.
  ADMIN_EMAILS: z
    .string()
    .default("")
    .transform((v) => v.split(",").map((e) => e.trim().toLowerCase()).filter(Boolean)),
  // How many proxies we run in front of the app append to X-Forwarded-For (nginx, a load
  // balancer). 0: the header is the client's word and limits never refuse on it. On Vercel
  // (VERCEL=1, set by the platform) its x-real-ip is trusted instead.
  TRUSTED_PROXY_HOPS: int(0),
  VERCEL: z.string().optional(),
  // Sign-in guessing, per 15 minutes (lib/auth/sign-in-throttle.ts): tries for one email from
  // one address, tries from one address over all emails (spraying), and tries for one email
  // over all addresses, past which each attempt waits SIGN_IN_SLOWDOWN_MS instead of being refused.
  SIGN_IN_LIMIT_PER_EMAIL_AND_ADDRESS: int(10),
  SIGN_IN_LIMIT_PER_ADDRESS: int(100),
  SIGN_IN_LIMIT_PER_EMAIL: int(100),
  SIGN_IN_SLOWDOWN_MS: int(3000),
  // Registrations per client address per hour (0 turns the limit off): refused past it from an
  // address a trusted proxy vouches for; from a claimed one, each waits REGISTER_SLOWDOWN_MS.
  REGISTER_LIMIT_PER_HOUR: int(10),
  REGISTER_SLOWDOWN_MS: int(3000),
  // Requests per user per minute on the endpoints that enqueue jobs (0 turns the limit off).
  RATE_LIMIT_PER_MINUTE: int(120),
  // Upstash REST endpoint for rate limits (optional; the Bull Redis is used otherwise).
  UPSTASH_REDIS_REST_URL: z.string().url().optional(),
  UPSTASH_REDIS_REST_TOKEN: z.string().min(1).optional(),
  // Categorization by LLM when set (Anthropic's Messages API).
  ANTHROPIC_API_KEY: z.string().min(1).optional(),
  ANTHROPIC_BASE_URL: z.string().url().optional(),
  ANTHROPIC_MODEL: z.string().min(1).optional(),
  // E-mail notifications when set: smtp://user:pass@host:587 (STARTTLS when offered) or
  // smtps://user:pass@host:465. Unset: notifications are in-app only. Never logged as is.
  SMTP_URL: z
    .string()
    .optional()
    .transform((v) => v?.trim() || undefined)
    .refine((v) => v === undefined || /^smtps?:\/\/[^/\s]+/i.test(v), { message: "SMTP_URL must be an smtp:// or smtps:// URL" }),
  SMTP_FROM: z.string().min(1).default("Tallyboard <no-reply@localhost>"),
  // The app's public URL for links in e-mails (default NEXTAUTH_URL).
  APP_URL: z.string().url().optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  // The largest CSV upload accepted, in bytes (413 above it, counted while it streams in).
  IMPORT_MAX_BYTES: z.coerce.number().int().positive().default(50 * 1024 * 1024),
  // The largest receipt image accepted, in bytes (413 above it).
  RECEIPT_MAX_BYTES: z.coerce.number().int().positive().default(10 * 1024 * 1024),
  // Webhooks never go to loopback, private, link-local or metadata addresses, except to these
  // comma-separated CIDRs (e.g. "10.1.2.0/24,fd00::/8" for a receiver on the operator's own
  // network; tests allow 127.0.0.1/32).
  WEBHOOK_ALLOWED_CIDRS: z
    .string()
    .default("")
    .transform((v) => v.split(",").map((c) => c.trim()).filter(Boolean)),
  // How long a delivery waits for the endpoint's answer.
  WEBHOOK_TIMEOUT_MS: int(10_000),
  // Stored secrets (webhook signing keys) are encrypted with AES-256-GCM under this key: 32
  // random bytes as base64 or hex (`openssl rand -base64 32`). Required in production; dev and
  // tests fall back to a public development key (lib/crypto/secret-box.ts).
  SECRETS_ENCRYPTION_KEY: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v?.trim()) return undefined;
      const key = parseSecretKey(v);
      if (!key) ctx.addIssue({ code: "custom", message: "SECRETS_ENCRYPTION_KEY must be 32 bytes as base64 (44 characters) or hex (64)" });
      return key ?? undefined;
    }),
  // Earlier keys, comma-separated, still accepted for decrypting while `npm run secrets:reencrypt`
  // moves every row to the current one (key rotation).
  SECRETS_ENCRYPTION_OLD_KEYS: z
    .string()
    .default("")
    .transform((v, ctx) =>
      v
        .split(",")
        .map((k) => k.trim())
        .filter(Boolean)
        .map((k, i) => {
          const key = parseSecretKey(k);
          if (!key) ctx.addIssue({ code: "custom", message: `SECRETS_ENCRYPTION_OLD_KEYS entry ${i + 1} must be 32 bytes as base64 or hex` });
          return key ?? Buffer.alloc(0);
        }),
    ),
  // Webhook events and their deliveries are deleted by data-cleanup after this many days.
  WEBHOOK_EVENT_RETENTION_DAYS: z.coerce.number().positive().default(30),
  // The largest JSON request body, in bytes (413 above it, counted while it streams in).
  JSON_BODY_MAX_BYTES: z.coerce.number().int().positive().default(1024 * 1024),
  // Uploaded files a user may keep stored, in bytes, over all their imports and receipts (0: no quota).
  UPLOAD_QUOTA_BYTES: int(500 * 1024 * 1024),
  // An upload counts as one request toward RATE_LIMIT_PER_MINUTE per this many bytes.
  UPLOAD_RATE_LIMIT_BYTES: z.coerce.number().int().positive().default(1024 * 1024),
  // Uploads never confirmed are deleted (file first) by data-cleanup after this many hours.
  UNCONFIRMED_IMPORT_TTL_HOURS: z.coerce.number().positive().default(24),
  // A bulk action on the transactions list over at most this many rows runs inside the request
  // (one database transaction); over it, as a bulk-action job with progress.
  BULK_INLINE_LIMIT: z.coerce.number().int().positive().default(200),
  // A bulk action can be undone for this many days; then data-cleanup deletes what it kept.
  BULK_UNDO_RETENTION_DAYS: z.coerce.number().positive().default(7),
  WORKER_HEARTBEAT_INTERVAL_MS: int(300_000),
  // The worker's shutdown deadline after SIGTERM before it gives up on the current job.
  WORKER_SHUTDOWN_TIMEOUT_MS: int(30_000),
});

export type ServerEnv = z.infer<typeof serverSchema>;

/** Every variable the server reads through env(), for the check that README and .env.example list them. */
export const SERVER_ENV_NAMES = Object.keys(serverSchema.shape) as (keyof ServerEnv)[];

/** The defaults, as env() gives them with nothing set but the one required variable. */
export function serverEnvDefaults(): ServerEnv {
  return serverSchema.parse({ DATABASE_URL: "postgresql://localhost/defaults" });
}

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

/**
 * WORKER_CONCURRENCY_<NAME> ("csv-import" → WORKER_CONCURRENCY_CSV_IMPORT): how many jobs of
 * that type one worker runs at once, else the type's own default.
 */
export function workerConcurrency(jobType: string, fallback: number): number {
  const key = `WORKER_CONCURRENCY_${jobType.toUpperCase().replace(/-/g, "_")}`;
  const parsed = z.coerce.number().int().positive().optional().safeParse(process.env[key] || undefined);
  if (!parsed.success) throw new Error(`Invalid environment:\n  ${key}: must be a positive integer\nSee .env.example and README.md#configuration.`);
  return parsed.data ?? fallback;
}
