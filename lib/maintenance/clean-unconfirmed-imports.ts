import { db } from "../db";
import { env } from "../env";

// An upload waits for its owner to check the preview and confirm; one never confirmed would
// keep its file in Postgres for ever. After UNCONFIRMED_IMPORT_TTL_HOURS it goes: the file's
// bytes first (the storage that matters, and what the quota counts), then the import row.

export async function cleanUnconfirmedImports(now = new Date()): Promise<{ imports: number; bytes: number }> {
  const cutoff = new Date(now.getTime() - env().UNCONFIRMED_IMPORT_TTL_HOURS * 3600_000);
  const expired = { status: "awaiting_confirmation" as const, createdAt: { lt: cutoff } };
  const stale = await db().import.findMany({ where: expired, select: { id: true, fileSize: true } });
  if (stale.length === 0) return { imports: 0, bytes: 0 };
  const ids = stale.map((i) => i.id);
  await db().importFile.deleteMany({ where: { importId: { in: ids } } });
  // Re-checked: an import confirmed meanwhile keeps its row (its job reports the missing file).
  const { count } = await db().import.deleteMany({ where: { id: { in: ids }, ...expired } });
  return { imports: count, bytes: stale.reduce((sum, i) => sum + i.fileSize, 0) };
}
