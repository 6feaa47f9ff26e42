// Some European banks ship a month of CAMT.053 statements as a .zip of XML files, one per day.
// fflate's streaming Unzip inflates entry by entry as the compressed bytes arrive, so the
// archive is never held whole; the XML entries come out one after another, in archive order,
// and the CAMT reader reads them as one stream of statements.

import { Unzip, UnzipInflate, type UnzipFile } from "fflate";
import type { ByteSource } from "../csv";
import { StatementFileError } from "./statement-file-error";

/** The bytes of every ".xml" entry of the archive, entry after entry; other entries are ignored. */
export async function* readZipEntries(source: ByteSource): AsyncGenerator<Uint8Array> {
  const ready: Uint8Array[] = [];
  let failure: StatementFileError | null = null;
  let xmlEntries = 0;
  let open = 0;
  const unzip = new Unzip((file: UnzipFile) => {
    if (!/\.xml$/i.test(file.name)) return; // not started: its bytes are skipped
    if (file.compression !== 0 && file.compression !== 8) {
      failure ??= new StatementFileError("invalid_archive", `The zip entry ${file.name} is compressed with a method other than deflate; re-create the archive with a standard zip tool.`);
      return;
    }
    xmlEntries++;
    open++;
    // Entries lie one after another in the archive, so their data never interleave.
    file.ondata = (err, data, final) => {
      if (err) failure ??= new StatementFileError("invalid_archive", `The zip entry ${file.name} is damaged (${err.message}).`);
      else if (data.length > 0) ready.push(data);
      if (final) open--;
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  const push = (chunk: Uint8Array, final: boolean) => {
    try {
      unzip.push(chunk, final);
    } catch (err) {
      failure ??= new StatementFileError("invalid_archive", `The zip archive cannot be read: ${(err as Error).message}.`);
    }
  };
  for await (const chunk of source as AsyncIterable<Uint8Array | string>) {
    push(typeof chunk === "string" ? Buffer.from(chunk, "latin1") : chunk, false);
    if (failure) throw failure;
    while (ready.length > 0) yield ready.shift()!;
  }
  push(new Uint8Array(0), true);
  if (failure) throw failure;
  while (ready.length > 0) yield ready.shift()!;
  if (open > 0) throw new StatementFileError("truncated_file", "The zip archive ends in the middle of a file: it was cut short. Download it again.");
  if (xmlEntries === 0) throw new StatementFileError("invalid_archive", "The zip archive holds no .xml file; upload CAMT.053 statements (XML) or a zip of them.");
}
