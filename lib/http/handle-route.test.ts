import { describe, expect, it } from "vitest";
import { createPrismaClient } from "../db";
import { Prisma } from "../generated/prisma/client";
import { freePort } from "../../tests/helpers/redis-server";
import { errorResponse } from "./handle-route";

describe("errorResponse", () => {
  it("answers 503 in JSON with Retry-After when the database cannot be reached", async () => {
    const port = await freePort();
    const client = createPrismaClient(`postgresql://postgres:postgres@127.0.0.1:${port}/none`);
    const err = await client.user.findFirst().catch((e: unknown) => e);
    await client.$disconnect();
    const res = errorResponse(err);
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    expect(await res.json()).toEqual({ error: "unavailable", message: "The database is not reachable right now. Try again in a few seconds." });
  });

  it("answers 503 for a pooled connection that broke while the server went away", async () => {
    // What pg throws inside a transaction on a connection Postgres dropped (the postgres-blip drill).
    const res = errorResponse(new Error("Client has encountered a connection error and is not queryable"));
    expect(res.status).toBe(503);
  });

  it("answers 503 for Postgres shutting down (57P01 in the driver adapter's cause)", async () => {
    const err = Object.assign(new Error("Invalid invocation"), {
      code: "P2010",
      meta: { driverAdapterError: { cause: { kind: "postgres", code: "57P01", message: "terminating connection due to administrator command" } } },
    });
    expect(errorResponse(err).status).toBe(503);
  });

  it("answers 503 with Retry-After for a deadlock met by a raw statement (P2010 carrying 40P01)", () => {
    // The shape Prisma 7's pg adapter gives (seen in CI: "Raw query failed. Code: `40P01`" under contention).
    const deadlock = new Prisma.PrismaClientKnownRequestError("Raw query failed. Code: `40P01`. Message: `deadlock detected`", {
      code: "P2010",
      clientVersion: "7",
      meta: { driverAdapterError: { name: "DriverAdapterError", cause: { originalCode: "40P01", originalMessage: "deadlock detected", kind: "TransactionWriteConflict" } } },
    });
    const res = errorResponse(deadlock);
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("1");
    const other = new Prisma.PrismaClientKnownRequestError("Raw query failed. Code: `22012`.", {
      code: "P2010",
      clientVersion: "7",
      meta: { driverAdapterError: { name: "DriverAdapterError", cause: { originalCode: "22012", originalMessage: "division by zero" } } },
    });
    expect(errorResponse(other).status).toBe(500);
  });

  it("answers 500 with a generic message for any other unexpected error", async () => {
    const res = errorResponse(new TypeError("x is undefined"));
    expect(res.status).toBe(500);
    expect((await res.json()).message).toBe("Something went wrong on our side");
  });
});
