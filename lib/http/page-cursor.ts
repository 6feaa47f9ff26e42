import { AppError } from "../errors";

// Page cursors come back from clients, so they are input like any other: whatever a client
// sends, it decodes to values Postgres can compare, or the request is a 400 in words.

export const PG_INT4_MAX = 2_147_483_647;
export const PG_INT8_MAX = 9_223_372_036_854_775_807n;

// JavaScript dates reach years Postgres cannot store (-271821-04-20); no row of ours is outside these.
const EARLIEST = Date.UTC(1900, 0, 1);
const LATEST = Date.UTC(2200, 0, 1);
const ID = /^[A-Za-z0-9_-]{1,64}$/;

const invalidCursor = () => new AppError("bad_request", "Invalid cursor: ask for the first page again");

/** A keyset cursor: the last row's time (an ISO date or timestamp) and id. */
export function encodeKeysetCursor(at: string, id: string): string {
  return Buffer.from(`${at}|${id}`).toString("base64url");
}

export function decodeKeysetCursor(cursor: string): { at: Date; id: string } {
  const [text, id, ...rest] = Buffer.from(cursor, "base64url").toString().split("|");
  const at = new Date(text ?? "");
  const time = at.getTime();
  if (rest.length > 0 || !id || !ID.test(id) || Number.isNaN(time) || time < EARLIEST || time >= LATEST) throw invalidCursor();
  return { at, id };
}

/** A non-negative whole-number cursor that fits the column it is compared with. */
export function parseIntegerCursor(text: string, max: bigint, what = "cursor"): bigint {
  if (!/^\d{1,19}$/.test(text) || BigInt(text) > max) throw new AppError("bad_request", `Invalid ${what}: a whole number up to ${max}`);
  return BigInt(text);
}
