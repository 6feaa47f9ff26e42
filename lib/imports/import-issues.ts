import { db } from "../db";
import { parseIntegerCursor, PG_INT4_MAX } from "../http/page-cursor";
import { escapeTextCell } from "../finance/csv";
import { findOwnImport } from "./import-view";

// The rows of a file that were not imported, each with its line and reason: a page at a time
// for the import page, or all of them as a CSV download, streamed.

export interface IssueView {
  line: number;
  kind: "error" | "skipped";
  reason: string;
  raw: string | null;
}

const PAGE = 100;
const EXPORT_BATCH = 1000;

function parseCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  return Number(parseIntegerCursor(cursor, BigInt(PG_INT4_MAX)));
}

function issuesAfter(importId: string, kind: "error" | "skipped" | undefined, afterLine: number, take: number) {
  return db().importRowIssue.findMany({
    where: { importId, line: { gt: afterLine }, ...(kind ? { kind } : {}) },
    orderBy: { line: "asc" },
    take,
    select: { line: true, kind: true, reason: true, raw: true },
  });
}

export async function listIssues(
  userId: string,
  importId: string,
  query: { kind?: "error" | "skipped"; cursor?: string },
): Promise<{ issues: IssueView[]; nextCursor: string | null }> {
  await findOwnImport(userId, importId);
  const rows = await issuesAfter(importId, query.kind, parseCursor(query.cursor), PAGE + 1);
  const page = rows.slice(0, PAGE) as IssueView[];
  return { issues: page, nextCursor: rows.length > PAGE ? String(page[page.length - 1].line) : null };
}

/** Checks ownership first (a 404 must come before the download starts), then streams. */
export async function issuesCsv(userId: string, importId: string): Promise<{ fileName: string; lines: AsyncGenerator<string> }> {
  const row = await findOwnImport(userId, importId);
  const base = row.fileName.replace(/\.[^.]*$/, "").replace(/[^\w.-]+/g, "_").slice(0, 80) || "import";
  return { fileName: `${base}-issues.csv`, lines: issueLines(importId) };
}

async function* issueLines(importId: string): AsyncGenerator<string> {
  yield "line,kind,reason,raw\r\n";
  let after = 0;
  for (;;) {
    const rows = await issuesAfter(importId, undefined, after, EXPORT_BATCH);
    if (rows.length === 0) return;
    yield rows.map((r) => `${r.line},${r.kind},${escapeTextCell(r.reason)},${escapeTextCell(r.raw ?? "")}\r\n`).join("");
    after = rows[rows.length - 1].line;
  }
}
