"use client";

import { useState } from "react";

/**
 * A small button's request and its outcome: `busy` while it runs, then the refusal to show
 * beside it (the action returns its message, or null when it went through).
 */
export function useBusyAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run(action: () => Promise<string | null>): Promise<void> {
    setBusy(true);
    setError(null);
    const message = await action();
    setBusy(false);
    setError(message);
  }
  return { busy, error, run };
}

/** The refusal under a badge's button, on a line of its own. */
export function BadgeError({ message }: { message: string | null }) {
  return message ? (
    <span role="alert" className="basis-full text-xs text-red-700">
      {message}
    </span>
  ) : null;
}
