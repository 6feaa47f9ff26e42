// POST /api/transactions/upload – start a CSV import (multipart: file, accountId?, accountName?,
// mapping?, autoConfirm?, dedupe?): 202 { importId, jobId, import } when it starts at once,
// 201 { importId, import, preview } when it waits for the user's confirmation
import { NextResponse } from "next/server";
import { authedRoute, chargeRateLimit, readForm } from "@/lib/http/handle-route";
import { parseMappingField } from "@/lib/imports/import-errors";
import { uploadFieldsSchema } from "@/lib/imports/import-schemas";
import { noFile, uploadImport, UPLOAD_BODY_MAX_BYTES, uploadRateCost, uploadTooLarge } from "@/lib/imports/upload-import";

export const POST = authedRoute(
  async ({ req, user }) => {
    const form = await readForm(req, UPLOAD_BODY_MAX_BYTES(), uploadTooLarge);
    const file = form.get("file");
    if (!(file instanceof Blob)) throw noFile();
    await chargeRateLimit("enqueue", user, uploadRateCost(file.size));
    const text = (name: string) => (typeof form.get(name) === "string" && form.get(name) !== "" ? (form.get(name) as string) : undefined);
    const fields = uploadFieldsSchema.parse({
      accountId: text("accountId"),
      accountName: text("accountName"),
      autoConfirm: text("autoConfirm"),
      dedupe: text("dedupe"),
    });
    const mappingText = text("mapping");
    const mapping = mappingText !== undefined ? parseMappingField(mappingText) : undefined;
    const outcome = await uploadImport(user.id, {
      bytes: new Uint8Array(await file.arrayBuffer()),
      fileName: "name" in file && typeof file.name === "string" ? file.name : "upload.csv",
      accountId: fields.accountId,
      accountName: fields.accountName,
      mapping,
      autoConfirm: fields.autoConfirm === "true",
      dedupe: fields.dedupe !== "false",
    });
    if (outcome.started) {
      return NextResponse.json({ importId: outcome.importId, jobId: outcome.jobId, import: outcome.import }, { status: 202 });
    }
    return NextResponse.json({ importId: outcome.importId, import: outcome.import, preview: outcome.preview }, { status: 201 });
  },
  { rateLimit: "enqueue" },
);
