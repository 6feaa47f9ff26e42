import type { z } from "zod";
import { db, type Tx } from "../db";
import { PermanentJobError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { createJobRow, type CoalesceRule } from "./background-jobs";
import { dispatchJob } from "./dispatch-job";
import type { JobContext } from "./job-context";
import { DEFAULT_ATTEMPTS, recordLockDuration } from "./job-options";

// A job type's whole contract in one value (dub's defineJob; Ghostfolio's job interface shared
// by producer and processor): its name, the payload schema both sides use, its settings and
// schedule, the processor, and the typed way to request it. The machinery here knows no job
// type; each lib/jobs/<type>.ts defines one, and lib/worker/ hands the list to the worker.
//
//   const requested = await db().$transaction((tx) => csvImportJob.request(tx, { userId, importId }));
//   await csvImportJob.dispatch(requested);
//
// request() writes the BackgroundJob row inside the caller's transaction (the outbox), so the
// change and its job commit together; dispatch() adds the Bull job after commit and never
// throws (the reconciler adds what it could not).

export interface ProcessorOutcome {
  result: unknown;
  message: string;
}

/** A payload schema: an object. Its `userId`, when there is one, also becomes the row's owner. */
export type PayloadSchema = z.ZodType<{ userId?: string }>;

export interface JobSpec<Name extends string, Schema extends PayloadSchema> {
  /** The job type: Bull queue name and BackgroundJob.type. */
  name: Name;
  /** Parsed by the processor side on every run; its input type is what a producer must pass. */
  payload: Schema;
  /** Jobs one worker runs at once (WORKER_CONCURRENCY_<NAME> overrides it). */
  concurrency: number;
  /**
   * How long a worker's lock on a job lasts without renewal (Bull renews it at half this
   * while the event loop runs). A job whose worker died is taken up again after this long,
   * so it is as short as the type's longest blocking step allows.
   */
  lockDurationMs: number;
  /** Attempts before the job fails for good (default 3). */
  options?: { attempts?: number };
  /** A repeatable schedule (cron, in SCHEDULE_TIMEZONE); its runs have the payload `{ scheduled: true }`. */
  schedule?: string;
  /** The work: parse is done, the payload is typed. Throw PermanentJobError for what a retry cannot fix. */
  process(payload: z.output<Schema>, ctx: JobContext): Promise<ProcessorOutcome>;
  /** Called once the job has failed for good (last attempt or a permanent error). */
  onFailed?(payload: z.output<Schema>, error: string): Promise<void>;
  /** One pending run per key; later requests attach to it (see CoalesceRule). */
  coalesce?(payload: z.output<Schema>): CoalesceRule;
}

/** What request() wrote (or attached to): hand it to dispatch() after the transaction commits. */
export interface RequestedJob {
  id: string;
  type: string;
  userId: string | null;
  runAfter: Date;
  /** False when the request attached to a pending run: there is nothing to dispatch. */
  created: boolean;
  priority?: number;
}

export interface RequestOptions {
  runAfter?: Date;
  /** Bull priority: 1 is the highest; larger runs after other waiting jobs of the queue. */
  priority?: number;
  /** A write that goes first, in the row's own statement where the type coalesces (NewJob.first). */
  first?: Prisma.Sql;
}

/** What the worker, the schedules and the monitor need of a definition, whatever its payload. */
export interface RunnableJob {
  name: string;
  concurrency: number;
  lockDurationMs: number;
  schedule?: string;
  /** Parses the stored payload (a bad one is a PermanentJobError) and runs the processor. */
  run(payload: unknown, ctx: JobContext): Promise<ProcessorOutcome>;
  /** The definition's onFailed on a parsed payload; nothing when it has none or the payload is bad. */
  failed(payload: unknown, error: string): Promise<void>;
}

export interface JobDefinition<Name extends string, Schema extends PayloadSchema> extends RunnableJob {
  name: Name;
  payload: Schema;
  /** Writes the row inside the caller's transaction (attaching to a pending run where the type coalesces). */
  request(tx: Tx, payload: z.input<Schema>, options?: RequestOptions): Promise<RequestedJob>;
  /** After commit: adds the Bull jobs of the rows these requests created. Never throws. */
  dispatch(requested: RequestedJob | readonly RequestedJob[]): Promise<void>;
  /** request() in a transaction of its own, then dispatch(): for a job that goes with no other write. */
  enqueue(payload: z.input<Schema>, options?: RequestOptions): Promise<RequestedJob>;
}

export function defineJob<const Name extends string, Schema extends PayloadSchema>(
  spec: JobSpec<Name, Schema>,
): JobDefinition<Name, Schema> {
  recordLockDuration(spec.name, spec.lockDurationMs);
  const maxAttempts = spec.options?.attempts ?? DEFAULT_ATTEMPTS;

  const parse = (payload: unknown): z.output<Schema> => {
    const parsed = spec.payload.safeParse(payload);
    if (parsed.success) return parsed.data;
    const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "payload"}: ${i.message}`).join("; ");
    throw new PermanentJobError(`${spec.name} payload is invalid (${problems})`);
  };

  const request = async (tx: Tx, input: z.input<Schema>, options: RequestOptions = {}): Promise<RequestedJob> => {
    // Parsed here too: defaults are applied and a producer's bad value fails in its request, not in a worker.
    const payload = parse(input);
    const userId = payload.userId ?? null;
    const row = await createJobRow(tx, {
      type: spec.name,
      userId,
      payload: payload as Record<string, unknown>,
      runAfter: options.runAfter,
      maxAttempts,
      coalesce: spec.coalesce?.(payload),
      first: options.first,
    });
    return { ...row, type: spec.name, userId, ...(options.priority ? { priority: options.priority } : {}) };
  };

  const dispatch = async (requested: RequestedJob | readonly RequestedJob[]): Promise<void> => {
    for (const job of Array.isArray(requested) ? requested : [requested as RequestedJob]) {
      if (job.created) await dispatchJob({ id: job.id, type: job.type, userId: job.userId, runAfter: job.runAfter, priority: job.priority });
    }
  };

  return {
    name: spec.name,
    payload: spec.payload,
    concurrency: spec.concurrency,
    lockDurationMs: spec.lockDurationMs,
    schedule: spec.schedule,
    run: async (payload, ctx) => spec.process(parse(payload), ctx),
    async failed(payload, error) {
      const parsed = spec.payload.safeParse(payload);
      if (spec.onFailed && parsed.success) await spec.onFailed(parsed.data, error);
    },
    request,
    dispatch,
    async enqueue(payload, options) {
      const requested = await db().$transaction((tx) => request(tx, payload, options));
      await dispatch(requested);
      return requested;
    },
  };
}
