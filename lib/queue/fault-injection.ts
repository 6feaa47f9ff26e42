import { env } from "../env";
import { appKey, getRedis } from "./queues";

// A test hook for failure paths a browser test cannot cause for real: with
// JOB_FAULT_INJECTION=1 (the e2e server sets it; leave it unset anywhere else), a counter in
// Redis, `<prefix>:tallyboard:fault:<job type>`, makes that many of the next attempts of that
// job type fail with a transient error before the processor runs. Off, it costs nothing.

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
