/**
 * Deletes a kept record and its rows (the cascade) a few ids a statement, since each record can
 * carry many change rows: `page` finds the next ids past their keep-until, `remove` deletes them.
 * Returns how many records went.
 */
export async function deleteInBatches(
  size: number,
  page: (take: number) => Promise<{ id: string }[]>,
  remove: (ids: string[]) => Promise<{ count: number }>,
): Promise<number> {
  let removed = 0;
  for (;;) {
    const batch = await page(size);
    if (batch.length === 0) return removed;
    removed += (await remove(batch.map((b) => b.id))).count;
    if (batch.length < size) return removed;
  }
}
