import { createRequire } from "node:module";
import path from "node:path";
import { UnreadableImageError } from "./prepare-image";

// A PDF receipt's first page, read with pdf.js (pdfjs-dist, its legacy build for Node).
// E-receipts and emailed invoices carry a text layer: its text is read as it is (no OCR).
// A scanned PDF has only a picture: the page is drawn on a canvas (@napi-rs/canvas, prebuilt,
// which pdf.js uses in Node) to a PNG for the OCR path. Loaded only here, from the worker's job.
// Everything a hostile file can do (truncated, encrypted, a page tree claiming a billion
// pages, a huge page) ends as an UnreadableImageError in words, never as a crash.

/** The page is drawn so that its long side is this many pixels (the OCR path's MAX_SIDE). */
export const PDF_RENDER_SIDE = 2400;
/** A text layer with fewer letters and digits than this is taken for a scan. */
const MIN_TEXT_CHARS = 12;
/** Reading one PDF's first page gives up after this long. */
const PDF_TIMEOUT_MS = 30_000;

export interface PdfFirstPage {
  /** The page's text layer, a line of text per line (empty for a scan). */
  text: string;
  /** True when the text layer has enough to read the fields from. */
  hasText: boolean;
  /** The page drawn as a PNG, or null when it could not be drawn. */
  png: Buffer | null;
  pageCount: number;
}

type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");
let pdfjs: Promise<PdfJs> | undefined;
// Compiled to require() in the CommonJS worker, which Node ≥ 20.19 allows for an ES module.
const loadPdfJs = () => (pdfjs ??= import("pdfjs-dist/legacy/build/pdf.mjs"));

/** pdfjs-dist's folder: its standard fonts, CMaps and WebAssembly decoders (JPEG 2000, JBIG2) are read from there. */
function pdfJsDir(): string {
  // `require` in the CommonJS worker and under tsx; from the working directory where there is none (ES modules).
  const req = typeof require === "function" ? require : createRequire(path.join(process.cwd(), "package.json"));
  return path.dirname(req.resolve("pdfjs-dist/package.json"));
}

interface TextItemLike {
  str: string;
  transform: number[];
  height: number;
  hasEOL?: boolean;
}

/** Puts the page's text items back into lines: by baseline (top to bottom), then left to right. */
export function textItemsToLines(items: TextItemLike[]): string {
  const words = items.filter((i) => i.str.trim() !== "").map((i) => ({ str: i.str, x: i.transform[4], y: i.transform[5], h: Math.abs(i.height) || 10 }));
  words.sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: { y: number; h: number; words: typeof words }[] = [];
  for (const w of words) {
    const line = lines.find((l) => Math.abs(l.y - w.y) < Math.max(2, Math.min(l.h, w.h) / 2));
    if (line) line.words.push(w);
    else lines.push({ y: w.y, h: w.h, words: [w] });
  }
  lines.sort((a, b) => b.y - a.y);
  return lines.map((l) => l.words.sort((a, b) => a.x - b.x).map((w) => w.str.trim()).join(" ")).join("\n");
}

function inWords(err: unknown): UnreadableImageError {
  const name = (err as { name?: string } | null)?.name;
  if (name === "PasswordException") return new UnreadableImageError("This PDF is protected by a password: save it without one, or upload a photo of the receipt.");
  if (name === "InvalidPDFException") return new UnreadableImageError("This PDF is damaged or incomplete and could not be opened: upload it again, or a photo of the receipt.");
  if (err instanceof UnreadableImageError) return err;
  return new UnreadableImageError(`This PDF could not be read (${(err as Error)?.message ?? String(err)}): upload a photo of the receipt.`);
}

async function withTimeout<T>(work: Promise<T>, onTimeout: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(new UnreadableImageError(`This PDF took longer than ${PDF_TIMEOUT_MS / 1000} s to open: upload a photo of the receipt.`));
    }, PDF_TIMEOUT_MS);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Reads the first page of a PDF: its text layer, and the page drawn as a PNG when `render` (or when it has no text). */
export async function readPdfFirstPage(bytes: Uint8Array, options: { render?: boolean } = {}): Promise<PdfFirstPage> {
  const { getDocument } = await loadPdfJs();
  const dir = pdfJsDir();
  // pdf.js takes ownership of (detaches) the buffer it is given: hand it a copy.
  const task = getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    standardFontDataUrl: path.join(dir, "standard_fonts") + path.sep,
    cMapUrl: path.join(dir, "cmaps") + path.sep,
    cMapPacked: true,
    wasmUrl: path.join(dir, "wasm") + path.sep,
    // No image inside a page may be larger than this many pixels (a decompression bomb).
    maxImageSize: 50_000_000,
    verbosity: 0,
  });
  try {
    return await withTimeout(
      (async () => {
        const doc = await task.promise;
        if (doc.numPages < 1) throw new UnreadableImageError("This PDF has no pages.");
        const page = await doc.getPage(1);
        const content = await page.getTextContent();
        const text = textItemsToLines(content.items.flatMap((i) => ("str" in i ? [i] : [])));
        const hasText = text.replace(/[^\p{L}\p{N}]/gu, "").length >= MIN_TEXT_CHARS;
        let png: Buffer | null = null;
        if (options.render || !hasText) {
          try {
            png = await renderPage(page);
          } catch (err) {
            if (!hasText) throw err;
            // A text layer read is enough: the preview is only a nicety.
          }
        }
        return { text, hasText, png, pageCount: doc.numPages };
      })(),
      () => void task.destroy(),
    );
  } catch (err) {
    throw inWords(err);
  } finally {
    await task.destroy().catch(() => undefined);
  }
}

type PdfPage = Awaited<ReturnType<Awaited<ReturnType<PdfJs["getDocument"]>["promise"]>["getPage"]>>;

async function renderPage(page: PdfPage): Promise<Buffer> {
  const base = page.getViewport({ scale: 1 });
  if (!(base.width > 0 && base.height > 0)) throw new UnreadableImageError("This PDF's first page has no size.");
  const scale = PDF_RENDER_SIDE / Math.max(base.width, base.height);
  const viewport = page.getViewport({ scale });
  const width = Math.max(1, Math.round(viewport.width));
  const height = Math.max(1, Math.round(viewport.height));
  const { createCanvas } = await import("@napi-rs/canvas");
  const canvas = createCanvas(width, height);
  const context = canvas.getContext("2d");
  // A PDF page is paper: white where nothing is drawn (a PNG would otherwise be transparent).
  context.fillStyle = "#ffffff";
  context.fillRect(0, 0, width, height);
  await page.render({ canvas: canvas as never, canvasContext: context as never, viewport }).promise;
  return canvas.toBuffer("image/png");
}
