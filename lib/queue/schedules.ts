import { env } from "../env";
import { log } from "../log";
import type { RunnableJob } from "./define-job";
import { getQueue } from "./queues";

// Repeatable schedules, registered by every worker at start. A schedule's Bull job is named
// for its type (job types share Bull queues), and Bull keys a repeatable job by its name, id,
// cron and time zone, so registering the same one again adds nothing; a schedule whose cron or
// time zone changed (or that was dropped) is removed, not kept beside the new one.

export async function registerSchedules(definitions: readonly Pick<RunnableJob, "name" | "schedule">[]): Promise<string[]> {
  const tz = env().SCHEDULE_TIMEZONE;
  const registered: string[] = [];
  for (const { name, schedule: cron } of definitions) {
    const queue = getQueue(name);
    const existing = await queue.getRepeatableJobs();
    for (const job of existing) {
      if (job.name === name && (job.cron !== cron || (job.tz ?? "UTC") !== tz)) {
        await queue.removeRepeatableByKey(job.key);
      }
    }
    if (!cron) continue;
    await queue.add(name, { scheduled: true }, { repeat: { cron, tz }, jobId: `schedule-${name}` });
    registered.push(`${name} "${cron}" ${tz}`);
  }
  if (registered.length) log.info(`[worker] schedules: ${registered.join("; ")}`);
  return registered;
}
