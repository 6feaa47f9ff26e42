import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db";
import { Prisma } from "../../lib/generated/prisma/client";
import { createJobRow } from "../../lib/queue/background-jobs";
import { createUser, setupIntegration, type IntegrationEnv } from "../helpers/integration";

// createJobRow's `first`: the caller's write (recordDataChange's version bump) goes with the
// row, in the row's own statement when the type coalesces, as a statement before it otherwise.

let env: IntegrationEnv;

beforeAll(async () => {
  env = await setupIntegration("job-row-first");
});

afterAll(async () => {
  await env?.teardown();
});

const bump = (userId: string) => Prisma.sql`UPDATE "User" SET "dataVersion" = "dataVersion" + 1 WHERE id = ${userId} RETURNING 1`;
const version = async (userId: string) => (await db().user.findUniqueOrThrow({ where: { id: userId } })).dataVersion;

describe("a job row's first write", () => {
  it("runs once per request, whether the request makes the coalesced row or attaches to it", async () => {
    const user = await createUser("first-coalesced");
    const coalesce = { key: `first-test:${user.id}` };
    const made = await db().$transaction((tx) => createJobRow(tx, { type: "first-test", userId: user.id, coalesce, first: bump(user.id) }));
    const attached = await db().$transaction((tx) => createJobRow(tx, { type: "first-test", userId: user.id, coalesce, first: bump(user.id) }));
    expect(made.created).toBe(true);
    expect(attached).toMatchObject({ id: made.id, created: false });
    expect(await version(user.id)).toBe(2n);
    expect((await db().backgroundJob.findUniqueOrThrow({ where: { id: made.id } })).coalescedCount).toBe(1);
  });

  it("runs before a row that does not coalesce, and rolls back with it", async () => {
    const user = await createUser("first-plain");
    const row = await db().$transaction((tx) => createJobRow(tx, { type: "first-test", userId: user.id, first: bump(user.id) }));
    expect(row.created).toBe(true);
    expect(await version(user.id)).toBe(1n);

    await expect(
      db().$transaction(async (tx) => {
        await createJobRow(tx, { type: "first-test", userId: user.id, coalesce: { key: `first-test:${user.id}:2` }, first: bump(user.id) });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await version(user.id)).toBe(1n);
  });
});
