import eng from "@tesseract.js-data/eng";
import { createWorker, type Worker } from "tesseract.js";

// OCR with tesseract.js and the English traineddata from npm (@tesseract.js-data/eng): the
// language file is read from node_modules, so nothing is fetched at run time. Tesseract
// workers (a worker thread and its WebAssembly heap each, ~100 MB once loaded) are made on
// first use, one per OCR running at once (the queue's concurrency bounds that), kept for the
// next receipt, and terminated by closeOcrWorkers() when the worker process stops.

export interface ReadText {
  text: string;
  /** Tesseract's mean confidence, 0..100. */
  confidence: number;
}

const idle: Worker[] = [];
const all = new Set<Promise<Worker>>();

async function takeWorker(): Promise<Worker> {
  const ready = idle.pop();
  if (ready) return ready;
  const made = createWorker("eng", 1, {
    langPath: eng.langPath,
    gzip: eng.gzip,
    // No cache on disk: the traineddata is already on disk, in node_modules.
    cacheMethod: "none",
  });
  all.add(made);
  made.catch(() => all.delete(made));
  return made;
}

export async function readReceiptText(png: Buffer): Promise<ReadText> {
  const worker = await takeWorker();
  try {
    // rotateAuto straightens a slightly skewed photo before reading it.
    const { data } = await worker.recognize(png, { rotateAuto: true });
    return { text: data.text, confidence: data.confidence };
  } finally {
    idle.push(worker);
  }
}

/** Terminates every tesseract worker (their threads would keep the process alive). */
export async function closeOcrWorkers(): Promise<void> {
  const workers = [...all];
  all.clear();
  idle.length = 0;
  await Promise.all(workers.map(async (w) => (await w.catch(() => null))?.terminate()));
}

/** How many tesseract workers exist now (tests of the shutdown). */
export const ocrWorkerCount = () => all.size;
