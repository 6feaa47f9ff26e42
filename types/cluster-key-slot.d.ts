// cluster-key-slot (a dependency of ioredis, which routes Redis Cluster commands with it)
// ships no types. Used by lib/queue/cluster-hash-tag.test.ts.
declare module "cluster-key-slot" {
  /** The Redis Cluster hash slot (0–16383) of a key, honouring a {hash tag}. */
  export default function calculateSlot(key: string): number;
}
