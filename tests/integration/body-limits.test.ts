import { NextRequest } from "next/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { POST as receiptsRoute } from "../../app/api/receipts/route";
import { POST as registerRoute } from "../../app/api/register/route";
import { POST as createTransactionRoute } from "../../app/api/transactions/route";
import { POST as uploadRoute } from "../../app/api/transactions/upload/route";
import { db } from "../../lib/db";
import { resetEnvCache } from "../../lib/env";
import { cleanUnconfirmedImports } from "../../lib/maintenance/clean-unconfirmed-imports";
import { createUser, setupIntegration, type IntegrationEnv } from "../helpers/integration";
import { call, csv, uploadForm } from "./import-helpers";

// Bodies are counted while they stream and refused past their limit without reading the rest;
// stored uploads have a quota, count toward the rate limit by size, and expire unconfirmed.

const session = vi.hoisted(() => ({ user: null as null | { id: string; role: string } }));
vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => (session.user ? { user: session.user } : null),
}));

let env: IntegrationEnv;
const MB = 1024 * 1024;

beforeAll(async () => {
  env = await setupIntegration("body-limits", {
    RATE_LIMIT_PER_MINUTE: "0",
    IMPORT_MAX_BYTES: String(MB),
    RECEIPT_MAX_BYTES: String(MB),
    JSON_BODY_MAX_BYTES: String(64 * 1024),
  });
});

afterAll(async () => {
  await env?.teardown();
});

beforeEach(async () => {
  const user = await createUser("limits");
  session.user = { id: user.id, role: "USER" };
});

/** A chunked body (no Content-Length) of `chunks` × 64 KB that counts how much of it was read. */
function streamedRequest(url: string, contentType: string, chunks: number, first = new Uint8Array()) {
  const read = { bytes: 0 };
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent === 0 && first.length) {
        sent += 1;
        read.bytes += first.length;
        controller.enqueue(first);
        return;
      }
      if (sent >= chunks) return controller.close();
      sent += 1;
      read.bytes += 64 * 1024;
      controller.enqueue(new Uint8Array(64 * 1024).fill(0x61));
    },
  });
  const req = new NextRequest(`http://localhost${url}`, { method: "POST", body, headers: { "content-type": contentType }, duplex: "half" } as ConstructorParameters<typeof NextRequest>[1]);
  return { req, read };
}

const noParams = { params: Promise.resolve({}) };

describe("body limits", () => {
  // Issue 11: a 52 MB chunked upload was read whole before the 413.
  it("refuses a chunked upload past IMPORT_MAX_BYTES with a 413 in JSON, without reading the rest", async () => {
    const head = new TextEncoder().encode('--b\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\n');
    const { req, read } = streamedRequest("/api/transactions/upload", "multipart/form-data; boundary=b", 52 * 16, head);
    const res = await uploadRoute(req, noParams);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ message: expect.stringMatching(/^The file is larger than the 1 MB limit/) });
    expect(read.bytes).toBeLessThan(2 * MB);
  });

  // Issue 11's finding 3 on a route added after it: POST /api/receipts checked only Content-Length
  // and then read the whole chunked body with req.formData().
  it("refuses a chunked receipt upload past RECEIPT_MAX_BYTES with a 413 in JSON, without reading the rest", async () => {
    const head = new TextEncoder().encode('--b\r\nContent-Disposition: form-data; name="file"; filename="big.jpg"\r\nContent-Type: image/jpeg\r\n\r\n');
    const { req, read } = streamedRequest("/api/receipts", "multipart/form-data; boundary=b", 52 * 16, head);
    const res = await receiptsRoute(req, noParams);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ message: expect.stringMatching(/^The receipt is larger than the 1 MB limit/) });
    expect(read.bytes).toBeLessThan(2 * MB);
    expect(await db().receipt.count({ where: { userId: session.user!.id } })).toBe(0);
  });

  // Issue 11: an anonymous 30 MB body to /api/register was parsed.
  it("refuses a JSON body past JSON_BODY_MAX_BYTES with a 413, without reading the rest", async () => {
    const { req, read } = streamedRequest("/api/register", "application/json", 30 * 16);
    const res = await registerRoute(req, noParams);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: "payload_too_large", message: "The request body is larger than the 64 KB limit" });
    expect(read.bytes).toBeLessThan(256 * 1024);
  });

  it("refuses a declared Content-Length past the limit before reading anything", async () => {
    const req = new NextRequest("http://localhost/api/transactions", { method: "POST", body: "{}", headers: { "content-type": "application/json", "content-length": String(10 * MB) } });
    expect((await createTransactionRoute(req, noParams)).status).toBe(413);
  });

  it("asks for application/json on JSON routes (415), so a cross-site text/plain form post is refused", async () => {
    const body = JSON.stringify({ date: "2024-01-02", description: "x", amount: "-1.00" });
    const req = new NextRequest("http://localhost/api/transactions", { method: "POST", body, headers: { "content-type": "text/plain" } });
    const res = await createTransactionRoute(req, noParams);
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ error: "unsupported_media_type", message: "Send the request body as application/json" });
    expect(await db().transaction.count({ where: { userId: session.user!.id } })).toBe(0);
  });
});

describe("stored uploads", () => {
  const file = (n: number) => csv(Array.from({ length: n }, (_, i) => ["2024-01-02", `Row ${i}`, "-1.00"]));

  it("refuses an upload past the user's storage quota, in words", async () => {
    Object.assign(process.env, { UPLOAD_QUOTA_BYTES: String(file(40).length * 2 + 10) });
    resetEnvCache();
    try {
      for (let i = 0; i < 2; i++) expect((await call(uploadRoute, "/api/transactions/upload", { form: uploadForm(`f${i}.csv`, file(40)) })).status).toBe(201);
      const res = await call(uploadRoute, "/api/transactions/upload", { form: uploadForm("f3.csv", file(40)) });
      expect(res.status).toBe(413);
      expect(res.data).toMatchObject({ code: "storage_quota", message: expect.stringMatching(/^Your uploaded files take .* does not fit/) });
    } finally {
      delete process.env.UPLOAD_QUOTA_BYTES;
      resetEnvCache();
    }
  });

  // Receipts are stored in Postgres too: without counting them, a user at the quota for bank
  // files could still add a 10 MB photo per request.
  it("counts receipts toward the same quota, and refuses a receipt that does not fit, in words", async () => {
    const photo = readFileSync(path.join(__dirname, "..", "fixtures", "receipts", "uk-grocer.jpg"));
    const receiptForm = () => {
      const form = new FormData();
      form.set("file", new File([photo], "grocer.jpg", { type: "image/jpeg" }));
      return form;
    };
    Object.assign(process.env, { UPLOAD_QUOTA_BYTES: String(photo.length + file(40).length + 10) });
    resetEnvCache();
    try {
      expect((await call(receiptsRoute, "/api/receipts", { form: receiptForm() })).status).toBe(202);
      // The stored receipt leaves no room for a bank file of this size...
      const upload = await call(uploadRoute, "/api/transactions/upload", { form: uploadForm("f.csv", file(200)) });
      expect(upload.status).toBe(413);
      expect(upload.data).toMatchObject({ code: "storage_quota" });
      // ...and a second receipt does not fit either.
      const second = await call(receiptsRoute, "/api/receipts", { form: receiptForm() });
      expect(second.status).toBe(413);
      expect(second.data).toMatchObject({ code: "storage_quota", message: expect.stringMatching(/^Your uploaded files take .* does not fit/) });
      expect(await db().receipt.count({ where: { userId: session.user!.id } })).toBe(1);
    } finally {
      delete process.env.UPLOAD_QUOTA_BYTES;
      resetEnvCache();
    }
  });

  it("counts a receipt upload toward the rate limit by its size", async () => {
    const photo = readFileSync(path.join(__dirname, "..", "fixtures", "receipts", "uk-grocer.jpg"));
    Object.assign(process.env, { RATE_LIMIT_PER_MINUTE: "5", UPLOAD_RATE_LIMIT_BYTES: String(Math.ceil(photo.length / 8)) });
    resetEnvCache();
    try {
      const form = new FormData();
      form.set("file", new File([photo], "grocer.jpg", { type: "image/jpeg" }));
      const res = await call(receiptsRoute, "/api/receipts", { form });
      expect(res.status).toBe(429);
      expect(res.data.message).toMatch(/Too many requests for their size/);
      expect(await db().receipt.count({ where: { userId: session.user!.id } })).toBe(0);
    } finally {
      Object.assign(process.env, { RATE_LIMIT_PER_MINUTE: "0" });
      delete process.env.UPLOAD_RATE_LIMIT_BYTES;
      resetEnvCache();
    }
  });

  it("counts an upload toward the rate limit by its size", async () => {
    Object.assign(process.env, { RATE_LIMIT_PER_MINUTE: "5", UPLOAD_RATE_LIMIT_BYTES: "1024" });
    resetEnvCache();
    try {
      // About 8 KB: seven hits on top of the request's own.
      const res = await call(uploadRoute, "/api/transactions/upload", { form: uploadForm("big.csv", file(300)) });
      expect(res.status).toBe(429);
      expect(res.data.message).toMatch(/Too many requests for their size/);
      expect(await db().import.count({ where: { userId: session.user!.id } })).toBe(0);
    } finally {
      Object.assign(process.env, { RATE_LIMIT_PER_MINUTE: "0" });
      delete process.env.UPLOAD_RATE_LIMIT_BYTES;
      resetEnvCache();
    }
  });

  it("deletes uploads left unconfirmed past UNCONFIRMED_IMPORT_TTL_HOURS, file first, and keeps the rest", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await call(uploadRoute, "/api/transactions/upload", { form: uploadForm(`u${i}.csv`, file(5)) });
      expect(res.status).toBe(201);
      ids.push(res.data.importId);
    }
    const [old, recent, confirmed] = ids;
    const dayAgo = new Date(Date.now() - 25 * 3600_000);
    await db().import.updateMany({ where: { id: { in: [old, confirmed] } }, data: { createdAt: dayAgo } });
    await db().import.update({ where: { id: confirmed }, data: { status: "completed" } });

    const removed = await cleanUnconfirmedImports();
    expect(removed.imports).toBeGreaterThanOrEqual(1);
    expect(await db().import.findUnique({ where: { id: old } })).toBeNull();
    expect(await db().importFile.findUnique({ where: { importId: old } })).toBeNull();
    expect(await db().import.findUnique({ where: { id: recent } })).not.toBeNull();
    expect(await db().importFile.findUnique({ where: { importId: confirmed } })).not.toBeNull();
  });
});
