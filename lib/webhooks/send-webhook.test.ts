import type { LookupAddress } from "node:dns";
import { describe, expect, it } from "vitest";
import { parseAllowedCidrs } from "./check-address";
import { LookupTimeoutError, RefusedAddressError, resolveAllowedAddresses, resolveWithin } from "./send-webhook";

const never = () => new Promise<LookupAddress[]>(() => undefined);
const inward = async () => [{ address: "10.0.0.5", family: 4 }];

describe("resolveWithin", () => {
  it("gives up on a resolver that does not answer, after the given time", async () => {
    const started = Date.now();
    await expect(resolveWithin(50, never)("hooks.example.com")).rejects.toBeInstanceOf(LookupTimeoutError);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("passes on an answer that comes in time, and its errors", async () => {
    expect(await resolveWithin(1_000, inward)("hooks.example.com")).toEqual([{ address: "10.0.0.5", family: 4 }]);
    const notFound = Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" });
    await expect(resolveWithin(1_000, () => Promise.reject(notFound))("nowhere.example")).rejects.toBe(notFound);
  });

  it("still lets resolveAllowedAddresses refuse a name that points inward", async () => {
    await expect(resolveAllowedAddresses("hooks.example.com", parseAllowedCidrs([]), resolveWithin(1_000, inward))).rejects.toBeInstanceOf(
      RefusedAddressError,
    );
  });
});
