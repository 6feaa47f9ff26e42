import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db";
import { QUEUE } from "../../lib/jobs/job-names";
import { getReceipt, receiptFile, receiptImage } from "../../lib/receipts/receipt-view";
import { uploadReceipt } from "../../lib/receipts/upload-receipt";
import { startWorker, type RunningWorker } from "../../lib/worker/start-worker";
import { createUser, setupIntegration, waitFor, waitForJob, type IntegrationEnv } from "../helpers/integration";
import { spawnWorker } from "../helpers/worker-process";
import { blankPdf, encryptedPdf, GROCER_LINES, textPdf } from "../helpers/make-pdf";

// PDF receipts through the real receipt-ocr job: an e-receipt's text layer read without OCR, a
// scanned PDF drawn and read by OCR, a blank one refused in words, and hostile files answered in
// words while the worker goes on reading the next receipt.

const FIXTURES = path.join(import.meta.dirname, "../fixtures/receipts");
// tests/fixtures/receipts/make-pdf-fixtures.ts writes both.
const grocerPdf = readFileSync(path.join(FIXTURES, "uk-grocer.pdf"));
const grocerScan = readFileSync(path.join(FIXTURES, "uk-grocer-scan.pdf"));

let env: IntegrationEnv;
let worker: RunningWorker;

beforeAll(async () => {
  env = await setupIntegration("receipts_pdf", { RECEIPT_MAX_BYTES: String(200 * 1024) });
  worker = await startWorker({ queues: [QUEUE.receiptOcr, QUEUE.financialSummary] });
});

afterAll(async () => {
  await worker?.stop();
  await env?.teardown();
});

async function failureOf(bytes: Buffer, name: string): Promise<string | null> {
  const user = await createUser(name);
  const { receiptId, jobId } = await uploadReceipt(user.id, { bytes, fileName: `${name}.pdf` });
  await waitForJob(jobId, ["failed"], 60_000);
  const { receipt } = await getReceipt(user.id, receiptId);
  expect(receipt.status).toBe("failed");
  return receipt.error;
}

describe("PDF receipts", () => {
  it("reads an e-receipt's text layer (no OCR) and attaches it to the card payment", async () => {
    const user = await createUser("pdf_text");
    const [payment] = await Promise.all([
      db().transaction.create({ data: { userId: user.id, date: new Date("2026-03-16T00:00:00Z"), description: "CARD CORNER GROCER", amountMinor: -414n } }),
      db().transaction.create({ data: { userId: user.id, date: new Date("2026-03-14T00:00:00Z"), description: "BUS", amountMinor: -250n } }),
    ]);
    const { receiptId, jobId } = await uploadReceipt(user.id, { bytes: grocerPdf, fileName: "e-receipt.pdf" });
    expect((await db().receipt.findUniqueOrThrow({ where: { id: receiptId } })).contentType).toBe("application/pdf");
    await waitForJob(jobId, ["completed"], 60_000);

    const { receipt } = await getReceipt(user.id, receiptId);
    expect(receipt).toMatchObject({
      status: "matched",
      contentType: "application/pdf",
      merchant: "CORNER GROCER",
      date: "2026-03-14",
      total: "4.14",
      currency: "GBP",
      transactionId: payment.id,
    });
    // The text as written in the PDF, not as read from pixels.
    expect(receipt.text).toBe(GROCER_LINES.filter(Boolean).map((l) => l.replace(/\s+/g, " ")).join("\n"));
    expect(receipt.confidence).toEqual({ merchant: 0.85, date: 0.94, total: 0.95 });
    const logs = await db().jobLog.findMany({ where: { jobId }, select: { message: true } });
    expect(logs.map((l) => l.message).join("\n")).toContain("PDF text layer read (1 page), no OCR");
    // The page shows the first page drawn as a JPEG; the PDF itself is a download.
    const preview = await receiptImage(user.id, receiptId);
    expect(preview.contentType).toBe("image/jpeg");
    expect([...preview.bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    const file = await receiptFile(user.id, receiptId);
    expect(file).toMatchObject({ contentType: "application/pdf", fileName: "e-receipt.pdf" });
    expect(Buffer.from(file.bytes).equals(grocerPdf)).toBe(true);
    const other = await createUser("pdf_other");
    await expect(receiptFile(other.id, receiptId)).rejects.toMatchObject({ code: "not_found" });
  });

  it("draws a scanned PDF's page and reads it by OCR", async () => {
    const user = await createUser("pdf_scan");
    const payment = await db().transaction.create({ data: { userId: user.id, date: new Date("2026-03-15T00:00:00Z"), description: "CORNER GROCER", amountMinor: -414n } });
    const { receiptId, jobId } = await uploadReceipt(user.id, { bytes: grocerScan, fileName: "scan.pdf" });
    await waitForJob(jobId, ["completed"], 90_000);
    const { receipt } = await getReceipt(user.id, receiptId);
    expect(receipt).toMatchObject({ status: "matched", merchant: "CORNER GROCER", date: "2026-03-14", total: "4.14", currency: "GBP", transactionId: payment.id });
    expect((await receiptImage(user.id, receiptId)).contentType).toBe("image/jpeg");
  });

  it("refuses a PDF with no text in words: upload a photo", async () => {
    expect(await failureOf(blankPdf(), "pdf_blank")).toMatch(/This PDF has no text we could read: upload a photo/);
  });

  it("answers hostile PDFs in words and goes on reading the next receipt", async () => {
    expect(await failureOf(grocerPdf.subarray(0, 300), "pdf_truncated")).toMatch(/damaged or incomplete/);
    expect(await failureOf(encryptedPdf(GROCER_LINES), "pdf_encrypted")).toMatch(/protected by a password/);
    expect(await failureOf(Buffer.from("%PDF-1.7\n" + "<<".repeat(5000)), "pdf_garbage")).toMatch(/PDF/);

    // A page tree that claims a billion pages: only the first page is read.
    const user = await createUser("pdf_pages");
    const { receiptId, jobId } = await uploadReceipt(user.id, { bytes: textPdf(GROCER_LINES, { pageCount: 1_000_000_000 }), fileName: "many.pdf" });
    await waitForJob(jobId, ["completed"], 60_000);
    expect((await getReceipt(user.id, receiptId)).receipt).toMatchObject({ total: "4.14", merchant: "CORNER GROCER" });
  });

  it("keeps the size cap for PDFs", async () => {
    const user = await createUser("pdf_big");
    const big = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(201 * 1024, 0x20)]);
    await expect(uploadReceipt(user.id, { bytes: big, fileName: "big.pdf" })).rejects.toMatchObject({ code: "payload_too_large" });
  });
});

describe("the compiled worker (npm run build:worker && npm run start:worker)", () => {
  it("loads pdf.js and the canvas from CommonJS, reads a text PDF and a scan, refuses an encrypted one, and stops on SIGTERM", async () => {
    await worker.stop();
    execFileSync(process.execPath, [path.join(import.meta.dirname, "../../node_modules/typescript/bin/tsc"), "-p", "tsconfig.worker.json"], {
      cwd: path.join(import.meta.dirname, "../.."),
      stdio: "pipe",
    });
    const spawned = spawnWorker({ WORKER_QUEUES: QUEUE.receiptOcr }, { compiled: true });
    try {
      await waitFor("the compiled worker to be ready", async () => spawned.output().includes("[worker] ready"), 60_000);
      const user = await createUser("pdf_compiled");
      const text = await uploadReceipt(user.id, { bytes: grocerPdf, fileName: "e.pdf" });
      const scan = await uploadReceipt(user.id, { bytes: grocerScan, fileName: "s.pdf" });
      const locked = await uploadReceipt(user.id, { bytes: encryptedPdf(GROCER_LINES), fileName: "x.pdf" });
      await waitForJob(text.jobId, ["completed"], 60_000);
      await waitForJob(scan.jobId, ["completed"], 90_000);
      await waitForJob(locked.jobId, ["failed"], 60_000);
      expect((await getReceipt(user.id, text.receiptId)).receipt).toMatchObject({ total: "4.14", date: "2026-03-14" });
      expect((await getReceipt(user.id, scan.receiptId)).receipt).toMatchObject({ total: "4.14", date: "2026-03-14" });
      expect((await getReceipt(user.id, locked.receiptId)).receipt.error).toMatch(/protected by a password/);
      spawned.child.kill("SIGTERM");
      expect(await spawned.exited).toBe(0);
    } finally {
      if (spawned.child.exitCode === null) spawned.child.kill("SIGKILL");
    }
  }, 240_000);
});
