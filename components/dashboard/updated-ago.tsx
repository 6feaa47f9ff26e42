"use client";

import { useSyncExternalStore } from "react";
import { formatAge } from "./dashboard-format";

// A one-second clock shared by every "Updated N seconds ago" on the page. The server
// snapshot is null, so the server and the first client render agree (no hydration
// mismatch); the live age appears right after hydration and ticks every second.

let nowMs = 0;
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === undefined) {
    nowMs = Date.now();
    timer = setInterval(() => {
      nowMs = Date.now();
      for (const l of listeners) l();
    }, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

function getSnapshot(): number {
  if (nowMs === 0) nowMs = Date.now();
  return nowMs;
}

const getServerSnapshot = (): number | null => null;

export function useNow(): number | null {
  return useSyncExternalStore<number | null>(subscribe, getSnapshot, getServerSnapshot);
}

export function UpdatedAgo({ computedAt, className = "" }: { computedAt: string | null; className?: string }) {
  const now = useNow();
  if (!computedAt) {
    return (
      <span className={className} data-testid="summary-updated-at">
        Not computed yet
      </span>
    );
  }
  const at = new Date(computedAt);
  const label = now === null ? "Updated" : `Updated ${formatAge((now - at.getTime()) / 1000)}`;
  return (
    <span className={className} data-testid="summary-updated-at">
      <time dateTime={computedAt} title={at.toLocaleString()} suppressHydrationWarning>
        {label}
      </time>
    </span>
  );
}
