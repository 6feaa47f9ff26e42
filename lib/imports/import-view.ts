import { db } from "../db";
import { decodeKeysetCursor, encodeKeysetCursor } from "../http/page-cursor";
import { notFound } from "../errors";
import type { ImportMapping } from "../finance/csv";
import type { Import, ImportStatus } from "../generated/prisma/client";
import type { BalanceCheck } from "./check-statement-balance";
import { describeJobError } from "../queue/describe-job-error";

// What the API shows of an import: its file, status and counters (the mapping and the
// detection travel in the preview).

export interface ImportView {
  id: string;
  fileName: string;
  fileSize: number;
  /** What the file is, by content: csv, ofx (also QFX, QBO), qif, camt053, mt940. */
  format: string;
  status: ImportStatus;
  accountId: string | null;
  accountName: string | null;
  /** Every account the import wrote to (a statement file may hold several), in file order. */
  accounts: { id: string; name: string }[];
  dedupe: boolean;
  totalRows: number | null;
  processedRows: number;
  importedCount: number;
  duplicateCount: number;
  skippedCount: number;
  errorCount: number;
  error: string | null;
  dateFrom: string | null;
  dateTo: string | null;
  /** The csv-import job (progress via GET /api/jobs/{id}); null until confirmed. */
  jobId: string | null;
  createdAt: string;
  confirmedAt: string | null;
  completedAt: string | null;
  undoneAt: string | null;
  /** The statement's stated balances against the account's after the import; null without them. */
  balanceCheck: BalanceCheck | null;
}

export type ImportWithAccount = Import & {
  account: { name: string } | null;
  accounts: { account: { id: string; name: string } }[];
};

export const withAccount = {
  account: { select: { name: true } },
  accounts: { select: { account: { select: { id: true, name: true } } }, orderBy: { createdAt: "asc" } },
} as const;

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
const time = (d: Date | null) => (d ? d.toISOString() : null);

export function toImportView(i: ImportWithAccount): ImportView {
  return {
    id: i.id,
    fileName: i.fileName,
    fileSize: i.fileSize,
    format: i.format,
    status: i.status,
    accountId: i.accountId,
    accountName: i.account?.name ?? null,
    accounts: i.accounts.map((a) => a.account),
    dedupe: i.dedupe,
    totalRows: i.totalRows,
    processedRows: i.processedRows,
    importedCount: i.importedCount,
    duplicateCount: i.duplicateCount,
    skippedCount: i.skippedCount,
    errorCount: i.errorCount,
    error: describeJobError(i.error),
    dateFrom: day(i.dateFrom),
    dateTo: day(i.dateTo),
    jobId: i.backgroundJobId,
    createdAt: i.createdAt.toISOString(),
    confirmedAt: time(i.confirmedAt),
    completedAt: time(i.completedAt),
    undoneAt: time(i.undoneAt),
    balanceCheck: (i.balanceCheck as unknown as BalanceCheck | null) ?? null,
  };
}

/** The user's own import; anyone else's (or a malformed id) is 404. */
export async function findOwnImport(userId: string, id: string): Promise<ImportWithAccount> {
  const row = await db().import.findFirst({ where: { id, userId }, include: withAccount });
  if (!row) throw notFound("Import");
  return row;
}

export async function getImport(userId: string, id: string): Promise<{ import: ImportView }> {
  return { import: toImportView(await findOwnImport(userId, id)) };
}

const PAGE = 20;

// Cursor: the last row's createdAt and id; newest first.
function encodeCursor(i: { createdAt: Date; id: string }): string {
  return encodeKeysetCursor(i.createdAt.toISOString(), i.id);
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const { at, id } = decodeKeysetCursor(cursor);
  return { createdAt: at, id };
}

export async function listImports(userId: string, cursor?: string): Promise<{ imports: ImportView[]; nextCursor: string | null }> {
  const after = cursor ? decodeCursor(cursor) : null;
  const rows = await db().import.findMany({
    where: after
      ? { userId, OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] }
      : { userId },
    include: withAccount,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: PAGE + 1,
  });
  const page = rows.slice(0, PAGE);
  return { imports: page.map(toImportView), nextCursor: rows.length > PAGE ? encodeCursor(page[page.length - 1]) : null };
}

export function mappingOf(i: Import): ImportMapping {
  return i.mapping as unknown as ImportMapping;
}
