import { env } from "../env";
import { appKey, getRedis } from "../redis";

// A test hook for failure paths a browser test cannot cause for real: with
// JOB_FAULT_INJECTION=1 (the e2e server sets it; leave it unset anywhere else), a counter in
// Redis, `<prefix>:tallyboard:fault:<job type>`, makes that many of the next attempts of that
// job type fail with a transient error before the processor runs, and
// `<prefix>:tallyboard:slow:<job type>` (milliseconds) makes each progress step of that job type
// take at least that long, so a browser test can watch a short job's bar move. Off, they cost
// nothing.

export class InjectedFaultError extends Error {
  constructor(type: string) {
    super(`Injected failure for ${type} (JOB_FAULT_INJECTION test hook)`);
    this.name = "InjectedFaultError";
  }
}

export const faultKey = (type: string) => appKey("fault", type);

export async function throwIfFaultInjected(type: string): Promise<void> {
  if (!env().JOB_FAULT_INJECTION) return;
  const left = await getRedis().decr(faultKey(type));
  if (left >= 0) throw new InjectedFaultError(type);
  await getRedis().del(faultKey(type));
}

export const slowKey = (type: string) => appKey("slow", type);

/** The pause per progress step set for this job type (0 when none, or when the hook is off). */
export async function injectedStepDelayMs(type: string): Promise<number> {
  if (!env().JOB_FAULT_INJECTION) return 0;
  const ms = Number(await getRedis().get(slowKey(type)));
  return Number.isFinite(ms) && ms > 0 ? Math.min(ms, 10_000) : 0;
}
