// Coalesces the same kind of job-state write from concurrently running jobs into one statement.
//
// A worker runs several jobs at once (a queue's concurrency, times the queues it serves), and
// each one claims its row, then completes it: two Postgres round trips per job on top of Bull's
// own Redis calls. Calls made in the same turn of the event loop are gathered and written by one
// `UPDATE … FROM unnest(…)`, so the round trips per job fall by up to the concurrency. Nothing
// waits for a timer: a batch is flushed on setImmediate, after the callers of this turn queued
// their items, so a lone call costs what it did before.

export type BatchRunner<I, R> = (items: I[]) => Promise<Map<string, R>>;

interface Waiting<I, R> {
  item: I;
  resolve(result: R | undefined): void;
  reject(err: unknown): void;
}

export class WriteBatcher<I, R> {
  private pending = new Map<string, Waiting<I, R>>();
  // Items whose key is already in the pending batch (two Bull jobs for one row): they go in a
  // later batch, so one statement never names a row twice and each caller sees its own result.
  private overflow: Array<[string, Waiting<I, R>]> = [];
  private scheduled = false;

  constructor(
    private readonly keyOf: (item: I) => string,
    private readonly run: BatchRunner<I, R>,
    private readonly maxBatch = 100,
  ) {}

  /** Resolves with this item's result from its batch (undefined when the runner gave none). */
  add(item: I): Promise<R | undefined> {
    return new Promise<R | undefined>((resolve, reject) => {
      const key = this.keyOf(item);
      const waiting = { item, resolve, reject };
      if (this.pending.has(key) || this.pending.size >= this.maxBatch) this.overflow.push([key, waiting]);
      else this.pending.set(key, waiting);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = new Map();
    const later = this.overflow;
    this.overflow = [];
    for (const [key, waiting] of later) {
      if (this.pending.has(key) || this.pending.size >= this.maxBatch) this.overflow.push([key, waiting]);
      else this.pending.set(key, waiting);
    }
    if (this.pending.size > 0) this.schedule();
    if (batch.size === 0) return;

    const waiting = [...batch.entries()];
    try {
      const results = await this.run(waiting.map(([, w]) => w.item));
      for (const [key, w] of waiting) w.resolve(results.get(key));
    } catch (err) {
      for (const [, w] of waiting) w.reject(err);
    }
  }
}
