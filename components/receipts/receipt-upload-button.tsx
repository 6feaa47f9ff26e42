"use client";

import { useRef, useState } from "react";
import { Spinner } from "@/components/auth/auth-field";
import { uploadReceiptFile } from "./receipt-api";

/** A button that picks a photo and uploads it as a receipt (of this transaction, when given). */
export function ReceiptUploadButton({
  transactionId,
  label,
  onUploaded,
  className = "",
}: {
  transactionId?: string;
  label: string;
  onUploaded: (receiptId: string) => void;
  className?: string;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="inline-flex flex-col items-end">
      <input
        ref={input}
        type="file"
        accept="image/jpeg,image/png,image/webp,image/heic,.heic,application/pdf,.pdf"
        className="sr-only"
        tabIndex={-1}
        aria-hidden="true"
        data-testid="receipt-file-input"
        onChange={async (e) => {
          const file = e.target.files?.[0];
          e.target.value = "";
          if (!file) return;
          setBusy(true);
          setError(null);
          const outcome = await uploadReceiptFile(file, transactionId);
          setBusy(false);
          if (outcome.ok) onUploaded(outcome.data.receiptId);
          else setError(outcome.message);
        }}
      />
      <button type="button" disabled={busy} onClick={() => input.current?.click()} className={className}>
        {busy ? <Spinner className="h-4 w-4" /> : null}
        {busy ? "Uploading…" : label}
      </button>
      {error ? (
        <span role="alert" className="mt-1 max-w-[16rem] whitespace-normal text-right text-xs text-red-700">
          {error}
        </span>
      ) : null}
    </span>
  );
}
