import { describe, expect, it } from "vitest";
import { redisOptionsFromUrl } from "./redis";

describe("redisOptionsFromUrl", () => {
  it("turns on TLS for rediss:// (Upstash) and keeps the credentials", () => {
    const opts = redisOptionsFromUrl("rediss://default:s3cr%40t@eu1-fine-cat-12345.upstash.io:6380");
    expect(opts).toMatchObject({
      host: "eu1-fine-cat-12345.upstash.io",
      port: 6380,
      username: "default",
      password: "s3cr@t",
      tls: { servername: "eu1-fine-cat-12345.upstash.io" },
    });
  });

  it("uses plain TCP, the default port and the database number for redis://", () => {
    const opts = redisOptionsFromUrl("redis://127.0.0.1/2");
    expect(opts).toMatchObject({ host: "127.0.0.1", port: 6379, db: 2 });
    expect(opts.tls).toBeUndefined();
    expect(opts.password).toBeUndefined();
  });

  it("rejects other schemes with a clear message", () => {
    expect(() => redisOptionsFromUrl("http://example.com")).toThrow(/redis:\/\/ or rediss:\/\//);
  });
});
