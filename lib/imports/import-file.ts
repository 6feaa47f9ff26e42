import { importPool } from "../db";

// The uploaded bytes live in ImportFile.content (bytea, STORAGE EXTERNAL: uncompressed and out
// of line, so substring() reads only the slice it asks for). The job streams the file in
// slices and never holds more than one in memory.

/** 256 KB per round trip: few enough queries, and small enough that the hex text pg reads a bytea as stays out of the way of the heap. */
export const FILE_SLICE_BYTES = 256 * 1024;

/** The first bytes of the stored file (the preview reads at most this much). */
export async function readImportHead(importId: string, bytes: number): Promise<Uint8Array | null> {
  const { rows } = await importPool().query<{ head: Buffer }>(
    `SELECT substring(content from 1 for $2) AS head FROM "ImportFile" WHERE "importId" = $1`,
    [importId, bytes],
  );
  return rows[0] ? new Uint8Array(rows[0].head) : null;
}

export async function importFileSize(importId: string): Promise<number | null> {
  const { rows } = await importPool().query<{ size: number }>(
    `SELECT octet_length(content) AS size FROM "ImportFile" WHERE "importId" = $1`,
    [importId],
  );
  return rows[0] ? Number(rows[0].size) : null;
}

/** The whole stored file as a stream of slices, read one query at a time as it is consumed. */
export async function* streamImportFile(importId: string, sliceBytes = FILE_SLICE_BYTES): AsyncGenerator<Uint8Array> {
  const size = await importFileSize(importId);
  if (size === null) throw new Error(`the file of import ${importId} is gone`);
  for (let offset = 0; offset < size; offset += sliceBytes) {
    const { rows } = await importPool().query<{ chunk: Buffer }>(
      // substring() counts from 1.
      `SELECT substring(content from $2 for $3) AS chunk FROM "ImportFile" WHERE "importId" = $1`,
      [importId, offset + 1, sliceBytes],
    );
    if (!rows[0]) throw new Error(`the file of import ${importId} is gone`);
    yield rows[0].chunk;
  }
}
