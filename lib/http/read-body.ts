import { AppError } from "../errors";
import { formatBytes } from "../imports/import-errors";

// Request bodies are read through here, never whole: the count runs while the bytes stream in,
// and past the limit the rest is not read (a chunked body has no Content-Length to trust).
// JSON is checked for what the database or a parser cannot take (NUL characters, deep nesting)
// before any schema sees it, so every route refuses them the same way.

/** Deeper than any body a route expects; bounds the walk below and Prisma's JSON columns. */
export const MAX_JSON_DEPTH = 32;

export function bodyTooLarge(maxBytes: number): AppError {
  return new AppError("payload_too_large", `The request body is larger than the ${formatBytes(maxBytes)} limit`, { limitBytes: maxBytes });
}

/** The body's bytes, refused with 413 as soon as they pass maxBytes (declared or streamed). */
export async function readBodyBytes(req: Request, maxBytes: number, tooLarge: () => AppError = () => bodyTooLarge(maxBytes)): Promise<Uint8Array<ArrayBuffer>> {
  const declared = req.headers.get("content-length");
  if (declared && /^\d+$/.test(declared) && Number(declared) > maxBytes) throw tooLarge();
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/** The media type without parameters, lower-cased ("application/json"). */
export function mediaTypeOf(req: Request): string {
  return (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
}

export function unsupportedMediaType(expected: string): AppError {
  return new AppError("unsupported_media_type", `Send the request body as ${expected}`);
}

export const NUL_MESSAGE = "must not contain NUL characters";

export const hasNul = (text: string) => text.includes("\u0000");

/** The first thing in a parsed JSON value no route can take: a path and the reason, or null. */
export function findUnsafeJson(value: unknown): { path: string; message: string } | null {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: node, path } = stack.pop()!;
    const at = path.join(".") || "_";
    if (typeof node === "string") {
      if (hasNul(node)) return { path: at, message: NUL_MESSAGE };
    } else if (node !== null && typeof node === "object") {
      if (path.length >= MAX_JSON_DEPTH) return { path: at, message: `is nested more than ${MAX_JSON_DEPTH} levels deep` };
      for (const [key, child] of Object.entries(node)) {
        if (hasNul(key)) return { path: at, message: `has a key that ${NUL_MESSAGE}` };
        stack.push({ value: child, path: [...path, Array.isArray(node) ? Number(key) : key] });
      }
    }
  }
  return null;
}
