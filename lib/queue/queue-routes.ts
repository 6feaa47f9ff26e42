// Which Bull queue carries each job type. A Bull queue that a worker serves costs one blocking
// Redis connection (its BRPOPLPUSH cannot be shared), so job types share a few queues, grouped
// by kind, and a worker's connection count does not grow with the number of types. A job
// carries its type as its Bull job name. The table is the application's
// (lib/jobs/job-names.ts); this layer only looks names up in it. No imports: the table can be
// installed from any module, including ones the web side loads.

const routes = new Map<string, string>();
const queueNames = new Set<string>();

/** Installs the application's table: job type → Bull queue name. Called once, from lib/jobs/job-names.ts. */
export function routeJobTypes(table: Readonly<Record<string, string>>): void {
  routes.clear();
  queueNames.clear();
  for (const [type, queue] of Object.entries(table)) {
    routes.set(type, queue);
    queueNames.add(queue);
  }
}

/** The Bull queue of a job type; a Bull queue's own name is returned as it is. */
export function bullQueueOf(typeOrQueue: string): string {
  const routed = routes.get(typeOrQueue);
  if (routed) return routed;
  if (queueNames.has(typeOrQueue)) return typeOrQueue;
  throw new Error(
    routes.size
      ? `job type "${typeOrQueue}" has no Bull queue: add it to JOB_QUEUE in lib/jobs/job-names.ts`
      : `no job type is routed yet: import lib/jobs/job-names.ts before using a queue ("${typeOrQueue}")`,
  );
}

/** The job types a Bull queue carries (all of them: a worker serving the queue must run every one). */
export function jobTypesOf(queue: string): string[] {
  return [...routes].filter(([, q]) => q === queue).map(([type]) => type);
}

/** Every routed Bull queue name. */
export function allBullQueues(): string[] {
  return [...queueNames];
}
