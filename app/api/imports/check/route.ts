// POST /api/imports/check – what uploading this file would do, before it is uploaded
// (multipart: file = the file's first 256 KB, complete = "true" when that is all of it):
// { skipsPreview, noAccountTarget }
import { NextResponse } from "next/server";
import { AppError } from "@/lib/errors";
import { authedRoute, readForm } from "@/lib/http/handle-route";
import { uploadCheckFieldsSchema } from "@/lib/imports/import-schemas";
import { checkUpload, noFile } from "@/lib/imports/upload-import";
import { PREVIEW_HEAD_BYTES } from "@/lib/imports/preview-import";

export const POST = authedRoute(async ({ req, user }) => {
  const tooLarge = () => new AppError("payload_too_large", "Send only the first 256 KB of the file");
  // The form's own fields and boundaries come on top of the file's bytes.
  const form = await readForm(req, PREVIEW_HEAD_BYTES + 16 * 1024, tooLarge);
  const file = form.get("file");
  if (!(file instanceof Blob)) throw noFile();
  if (file.size > PREVIEW_HEAD_BYTES) throw tooLarge();
  const { complete } = uploadCheckFieldsSchema.parse({ complete: form.get("complete") ?? undefined });
  return NextResponse.json(await checkUpload(user.id, new Uint8Array(await file.arrayBuffer()), complete === "true"));
});
