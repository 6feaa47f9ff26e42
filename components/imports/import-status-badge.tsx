import { StatusBadge, type StatusTone } from "@/components/status-badge";
import type { ImportStatus } from "./import-api";
import { IMPORT_STATUS_LABEL } from "./import-format";

const TONE: Record<ImportStatus, StatusTone> = { awaiting_confirmation: "attention", queued: "neutral", processing: "active", completed: "done", failed: "failed", undone: "muted" };

export function ImportStatusBadge({ status }: { status: ImportStatus }) {
  return <StatusBadge tone={TONE[status]} label={IMPORT_STATUS_LABEL[status] ?? status} testId="import-status" status={status} />;
}
