import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db";
import { QUEUE } from "../../lib/jobs/job-names";
import { startWorker, type RunningWorker } from "../../lib/worker/start-worker";
import { confirmReceipt } from "../../lib/receipts/confirm-receipt";
import { ocrWorkerCount } from "../../lib/receipts/read-text";
import { getReceipt, listReceipts, receiptImage } from "../../lib/receipts/receipt-view";
import { uploadReceipt } from "../../lib/receipts/upload-receipt";
import { createUser, setupIntegration, waitFor, waitForJob, type IntegrationEnv } from "../helpers/integration";
import { spawnWorker } from "../helpers/worker-process";

// Receipts end to end with real OCR (tesseract.js and its npm traineddata) on two generated
// receipts: upload → receipt-ocr job → fields → the matching transaction, or a proposal.

const FIXTURES = path.join(import.meta.dirname, "../fixtures/receipts");
const grocer = readFileSync(path.join(FIXTURES, "uk-grocer.jpg"));
const coffee = readFileSync(path.join(FIXTURES, "us-coffee.jpg"));
// The grocer's receipt as a real HEVC-coded HEIC (tests/fixtures/receipts/README.md says how it was made).
const grocerHeic = readFileSync(path.join(FIXTURES, "uk-grocer.heic"));

let env: IntegrationEnv;
let worker: RunningWorker;

beforeAll(async () => {
  env = await setupIntegration("receipts", { RECEIPT_MAX_BYTES: String(200 * 1024) });
  worker = await startWorker({ queues: [QUEUE.receiptOcr, QUEUE.financialSummary] });
});

afterAll(async () => {
  await worker?.stop();
  await env?.teardown();
});

describe("receipt OCR", () => {
  it("reads a UK receipt and attaches it to the card payment two days later", async () => {
    const user = await createUser("receipts");
    const [payment] = await Promise.all([
      db().transaction.create({ data: { userId: user.id, date: new Date("2026-03-16T00:00:00Z"), description: "CARD CORNER GROCER", amountMinor: -414n } }),
      // Same amount, too far from the receipt's date.
      db().transaction.create({ data: { userId: user.id, date: new Date("2026-03-25T00:00:00Z"), description: "OTHER", amountMinor: -414n } }),
      // Close in date, another amount.
      db().transaction.create({ data: { userId: user.id, date: new Date("2026-03-14T00:00:00Z"), description: "BUS", amountMinor: -250n } }),
    ]);
    const { receiptId, jobId } = await uploadReceipt(user.id, { bytes: grocer, fileName: "grocer.jpg" });
    await waitForJob(jobId, ["completed"], 60_000);

    const { receipt } = await getReceipt(user.id, receiptId);
    expect(receipt).toMatchObject({ status: "matched", merchant: "CORNER GROCER", date: "2026-03-14", total: "4.14", currency: "GBP", transactionId: payment.id });
    expect(receipt.confidence.total).toBeGreaterThan(0.8);
    expect(receipt.text).toContain("TOTAL");
    const job = await db().backgroundJob.findUniqueOrThrow({ where: { id: jobId } });
    expect(job.message).toBe("Receipt read: matched a transaction");
    const image = await receiptImage(user.id, receiptId);
    expect(image.contentType).toBe("image/jpeg");
    expect((await listReceipts(user.id, payment.id)).receipts.map((r) => r.id)).toEqual([receiptId]);
    // Another user sees nothing of it.
    const other = await createUser("other");
    await expect(getReceipt(other.id, receiptId)).rejects.toMatchObject({ code: "not_found" });
  });

  it("reads a rotated, blurred, speckled receipt; with nothing to match it proposes a new transaction", async () => {
    const user = await createUser("coffee");
    const { receiptId, jobId } = await uploadReceipt(user.id, { bytes: coffee, fileName: "coffee.jpg" });
    await waitForJob(jobId, ["completed"], 60_000);
    const { receipt } = await getReceipt(user.id, receiptId);
    expect(receipt).toMatchObject({ status: "unmatched", merchant: "BLUE HERON COFFEE", date: "2026-02-27", total: "4.85", currency: "USD", transactionId: null });

    const made = await confirmReceipt(user.id, receiptId, { createTransaction: true });
    expect(made.receipt.status).toBe("matched");
    const tx = await db().transaction.findUniqueOrThrow({ where: { id: made.receipt.transactionId! } });
    expect(tx).toMatchObject({ description: "BLUE HERON COFFEE", amountMinor: -485n });
    expect(tx.date.toISOString().slice(0, 10)).toBe("2026-02-27");
    expect(made.jobId).toBeTruthy();
  });

  it("reads an iPhone-style HEIC photo (HEVC, decoded by libheif as WebAssembly) end to end", async () => {
    const user = await createUser("heic");
    const payment = await db().transaction.create({ data: { userId: user.id, date: new Date("2026-03-15T00:00:00Z"), description: "CORNER GROCER", amountMinor: -414n } });
    const { receiptId, jobId } = await uploadReceipt(user.id, { bytes: grocerHeic, fileName: "IMG_0042.HEIC" });
    await waitForJob(jobId, ["completed"], 60_000);
    const { receipt } = await getReceipt(user.id, receiptId);
    expect(receipt).toMatchObject({ status: "matched", merchant: "CORNER GROCER", date: "2026-03-14", total: "4.14", currency: "GBP", transactionId: payment.id });
    expect((await db().receipt.findUniqueOrThrow({ where: { id: receiptId } })).contentType).toBe("image/heic");
    // Browsers do not show HEIC: the page gets the JPEG preview made while reading it.
    const preview = await receiptImage(user.id, receiptId);
    expect(preview.contentType).toBe("image/jpeg");
    expect([...preview.bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
  });

  it("keeps a receipt uploaded from a transaction's row on that transaction", async () => {
    const user = await createUser("row");
    const row = await db().transaction.create({ data: { userId: user.id, date: new Date("2026-01-01T00:00:00Z"), description: "groceries", amountMinor: -999n } });
    const { receiptId, jobId } = await uploadReceipt(user.id, { bytes: grocer, fileName: "g.jpg", transactionId: row.id });
    await waitForJob(jobId, ["completed"], 60_000);
    expect((await getReceipt(user.id, receiptId)).receipt.transactionId).toBe(row.id);
  });

  it("closes tesseract's worker threads when the worker stops", async () => {
    expect(ocrWorkerCount()).toBeGreaterThan(0);
    await worker.stop();
    expect(ocrWorkerCount()).toBe(0);
    worker = await startWorker({ queues: [QUEUE.receiptOcr] });
  });
});

describe("the worker process with WORKER_QUEUES=receipt-ocr", () => {
  it("serves that queue alone, and exits cleanly and promptly on SIGTERM after reading a receipt", async () => {
    await worker.stop();
    const spawned = spawnWorker({ WORKER_QUEUES: QUEUE.receiptOcr });
    try {
      await waitFor("the worker to be ready", async () => spawned.output().includes("[worker] ready"), 60_000);
      // receipt-ocr has its Bull queue to itself: the worker serves that queue and no other.
      expect(spawned.output()).toContain("serving receipts: receipt-ocr");
      expect(spawned.output()).not.toContain("serving user-data");
      const user = await createUser("process");
      const { jobId } = await uploadReceipt(user.id, { bytes: grocer, fileName: "g.jpg" });
      await waitForJob(jobId, ["completed"], 60_000);
      const started = Date.now();
      spawned.child.kill("SIGTERM");
      expect(await spawned.exited).toBe(0);
      expect(Date.now() - started).toBeLessThan(15_000);
    } finally {
      spawned.child.kill("SIGKILL");
      worker = await startWorker({ queues: [QUEUE.receiptOcr] });
    }
  });
});

describe("upload checks", () => {
  it("refuses by content: a text file, an empty file, one too large", async () => {
    const user = await createUser("refused");
    await expect(uploadReceipt(user.id, { bytes: new TextEncoder().encode("date,amount"), fileName: "r.png" })).rejects.toMatchObject({ code: "validation_failed" });
    await expect(uploadReceipt(user.id, { bytes: new Uint8Array(), fileName: "r.png" })).rejects.toMatchObject({ code: "validation_failed" });
    await expect(uploadReceipt(user.id, { bytes: new Uint8Array(201 * 1024).fill(0xff), fileName: "big.jpg" })).rejects.toMatchObject({ code: "payload_too_large" });
    expect(await db().receipt.count({ where: { userId: user.id } })).toBe(0);
  });

  it("refuses another user's transaction", async () => {
    const owner = await createUser("owner");
    const row = await db().transaction.create({ data: { userId: owner.id, date: new Date("2026-01-01T00:00:00Z"), description: "x", amountMinor: -1n } });
    const thief = await createUser("thief");
    await expect(uploadReceipt(thief.id, { bytes: grocer, fileName: "g.jpg", transactionId: row.id })).rejects.toMatchObject({ code: "not_found" });
  });

  it("fails a receipt whose image cannot be decoded, saying why", async () => {
    const user = await createUser("broken");
    const broken = Buffer.concat([grocer.subarray(0, 600)]);
    const { receiptId, jobId } = await uploadReceipt(user.id, { bytes: broken, fileName: "broken.jpg" });
    await waitForJob(jobId, ["failed"], 60_000);
    expect((await getReceipt(user.id, receiptId)).receipt).toMatchObject({ status: "failed", error: expect.stringMatching(/could not be read/) });
  });
});
