// Shared by the import integration tests: call the real route handlers as a signed-in user.
// Only next-auth's session lookup is replaced (in each test file, with vi.mock); Postgres,
// Redis, the queue and the worker are real.

import { readFileSync } from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";
import { db } from "../../lib/db";
import { importPool } from "../../lib/db";

export const FIXTURES = path.resolve(__dirname, "../fixtures/csv");

export const fixture = (name: string) => new Uint8Array(readFileSync(path.join(FIXTURES, name)));

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

export async function call(handler: Handler, url: string, init: { method?: string; json?: unknown; form?: FormData; params?: Record<string, string> } = {}) {
  const body = init.form ?? (init.json !== undefined ? JSON.stringify(init.json) : undefined);
  const headers = init.json !== undefined ? { "content-type": "application/json" } : undefined;
  const req = new NextRequest(`http://localhost${url}`, { method: init.method ?? (body ? "POST" : "GET"), body, headers });
  const res = await handler(req, { params: Promise.resolve(init.params ?? {}) });
  const type = res.headers.get("content-type") ?? "";
  const data = type.includes("json") ? await res.json() : await res.text();
  return { status: res.status, data, headers: res.headers };
}

export function uploadForm(name: string, bytes: Uint8Array | string, fields: Record<string, string> = {}): FormData {
  const form = new FormData();
  form.set("file", new File([typeof bytes === "string" ? bytes : Buffer.from(bytes)], name, { type: "text/csv" }));
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return form;
}

/** "Date,Description,Amount" rows as a CSV text. */
export function csv(rows: [string, string, string][]): string {
  return `Date,Description,Amount\n${rows.map((r) => r.join(",")).join("\n")}\n`;
}

/** Count, money in, money out and date range of what an import holds in the database. */
export async function importedTotals(importId: string) {
  const { rows } = await importPool().query<{ n: string; inflow: string | null; outflow: string | null; first: string | null; last: string | null }>(
    `SELECT count(*) AS n,
            sum("amountMinor") FILTER (WHERE "amountMinor" > 0) AS inflow,
            sum("amountMinor") FILTER (WHERE "amountMinor" < 0) AS outflow,
            to_char(min(date), 'YYYY-MM-DD') AS first, to_char(max(date), 'YYYY-MM-DD') AS last
       FROM "Transaction" WHERE "importId" = $1`,
    [importId],
  );
  const money = (v: string | null) => {
    const minor = BigInt(v ?? "0");
    const abs = minor < 0n ? -minor : minor;
    return `${minor < 0n ? "-" : ""}${abs / 100n}.${String(abs % 100n).padStart(2, "0")}`;
  };
  const r = rows[0];
  return [Number(r.n), money(r.inflow), money(r.outflow), r.first, r.last] as const;
}

export const userTransactionCount = (userId: string) => db().transaction.count({ where: { userId } });
