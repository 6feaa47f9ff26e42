"use client";

import Link from "next/link";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { formatAge } from "@/components/dashboard/dashboard-format";
import { JOB_FINISHED_EVENT } from "@/components/jobs/use-job-status";
import type { NotificationView } from "@/lib/notifications/notifications";

// The header bell: unread badge plus a dropdown of the latest notifications. Refreshes every
// 15 s (while the tab is visible), when the window regains focus, and right away when a job
// this tab was watching finishes (the "tallyboard:job-finished" window event).

const POLL_MS = 15_000;

interface NotificationsResponse {
  notifications: NotificationView[];
  unreadCount: number;
}

interface Loaded extends NotificationsResponse {
  /** When this answer arrived (ms), for "5 minutes ago". */
  at: number;
}

async function requestNotifications(): Promise<NotificationsResponse> {
  const res = await fetch("/api/notifications", { cache: "no-store", headers: { accept: "application/json" } });
  if (!res.ok) throw new Error(res.status === 401 ? "Your session has ended. Sign in again." : "Couldn't load notifications.");
  return (await res.json()) as NotificationsResponse;
}

export function NotificationBell() {
  const [data, setData] = useState<Loaded | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [marking, setMarking] = useState(false);
  const seq = useRef(0);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const listId = useId();

  const load = useCallback(() => {
    const mine = ++seq.current;
    // State is set only in the callbacks, for the latest request (a newer one may be on its way).
    return requestNotifications().then(
      (body) => {
        if (mine !== seq.current) return;
        setData({ ...body, at: Date.now() });
        setLoadError(null);
      },
      (err: unknown) => {
        if (mine !== seq.current) return;
        setLoadError(err instanceof Error ? err.message : "Couldn't load notifications.");
      },
    );
  }, []);

  useEffect(() => {
    void load();
    const timer = setInterval(() => {
      if (document.visibilityState !== "hidden") void load();
    }, POLL_MS);
    const refresh = () => void load();
    const onVisible = () => {
      if (document.visibilityState === "visible") void load();
    };
    window.addEventListener("focus", refresh);
    window.addEventListener(JOB_FINISHED_EVENT, refresh);
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      clearInterval(timer);
      window.removeEventListener("focus", refresh);
      window.removeEventListener(JOB_FINISHED_EVENT, refresh);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [load]);

  // Close on a click outside or Escape.
  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (rootRef.current && !rootRef.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  async function markRead(body: { ids: string[] } | { all: true }) {
    // Optimistic: the badge drops at once; the reload below reconciles.
    setData((prev) => {
      if (!prev) return prev;
      const ids = "ids" in body ? new Set(body.ids) : null;
      let cleared = 0;
      const notifications = prev.notifications.map((n) => {
        if (n.read || (ids && !ids.has(n.id))) return n;
        cleared += 1;
        return { ...n, read: true };
      });
      return { ...prev, notifications, unreadCount: ids ? Math.max(0, prev.unreadCount - cleared) : 0 };
    });
    setMarking(true);
    try {
      const res = await fetch("/api/notifications/read", {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify(body),
      });
      if (!res.ok) setLoadError("Couldn't mark notifications as read.");
    } catch {
      setLoadError("Couldn't mark notifications as read.");
    } finally {
      setMarking(false);
      void load();
    }
  }

  const unread = data?.unreadCount ?? 0;
  const notifications = data?.notifications ?? [];
  const badge = unread > 99 ? "99+" : String(unread);

  return (
    <div ref={rootRef} className="relative">
      <button
        ref={buttonRef}
        type="button"
        onClick={() => {
          setOpen((o) => !o);
          if (!open) void load();
        }}
        aria-expanded={open}
        aria-controls={open ? listId : undefined}
        aria-haspopup="true"
        aria-label={unread > 0 ? `Notifications, ${unread} unread` : "Notifications"}
        className="relative flex h-9 w-9 items-center justify-center rounded-full text-slate-600 hover:bg-slate-100 hover:text-slate-900"
      >
        <BellIcon />
        {unread > 0 ? (
          <span
            data-testid="notification-badge"
            aria-hidden="true"
            className="absolute -right-0.5 -top-0.5 flex h-5 min-w-5 items-center justify-center rounded-full bg-red-600 px-1 text-[0.6875rem] font-semibold leading-none text-white tabular-nums ring-2 ring-white"
          >
            {badge}
          </span>
        ) : null}
      </button>

      {open ? (
        <div
          id={listId}
          data-testid="notification-list"
          role="region"
          aria-label="Notifications"
          className="z-40 overflow-hidden rounded-xl border border-slate-200 bg-white shadow-lg max-sm:fixed max-sm:inset-x-3 max-sm:top-16 sm:absolute sm:right-0 sm:top-full sm:mt-2 sm:w-96"
        >
          <div className="flex items-center justify-between gap-2 border-b border-slate-100 px-4 py-2.5">
            <h2 className="text-sm font-semibold text-slate-900">
              Notifications
              {unread > 0 ? <span className="ml-1 font-normal text-slate-500">({unread} unread)</span> : null}
            </h2>
            <button
              type="button"
              onClick={() => void markRead({ all: true })}
              disabled={unread === 0 || marking}
              className="rounded px-1 text-sm font-medium text-indigo-700 hover:text-indigo-900 disabled:cursor-not-allowed disabled:text-slate-400"
            >
              Mark all read
            </button>
          </div>
          {loadError ? (
            <p role="alert" className="border-b border-slate-100 bg-red-50 px-4 py-2 text-sm text-red-800">
              {loadError}
            </p>
          ) : null}
          {data === null && !loadError ? (
            <p className="px-4 py-6 text-center text-sm text-slate-500">Loading…</p>
          ) : notifications.length === 0 ? (
            <p className="px-4 py-6 text-center text-sm text-slate-500">No notifications yet.</p>
          ) : (
            <ul className="max-h-[min(24rem,70vh)] divide-y divide-slate-100 overflow-y-auto">
              {notifications.map((n) => (
                <NotificationItem
                  key={n.id}
                  notification={n}
                  now={data?.at ?? 0}
                  onMarkRead={() => void markRead({ ids: [n.id] })}
                  onNavigate={() => {
                    if (!n.read) void markRead({ ids: [n.id] });
                    setOpen(false);
                  }}
                />
              ))}
            </ul>
          )}
          <div className="border-t border-slate-100 px-4 py-2.5 text-right">
            <Link
              href="/dashboard/settings/notifications"
              onClick={() => setOpen(false)}
              className="rounded text-sm font-medium text-indigo-700 hover:text-indigo-900 hover:underline"
            >
              E-mail settings
            </Link>
          </div>
        </div>
      ) : null}
    </div>
  );
}

function NotificationItem({
  notification: n,
  now,
  onMarkRead,
  onNavigate,
}: {
  notification: NotificationView;
  now: number;
  onMarkRead: () => void;
  onNavigate: () => void;
}) {
  const created = new Date(n.createdAt);
  const age = formatAge((now - created.getTime()) / 1000);
  const title = <span className={`block text-sm ${n.read ? "text-slate-700" : "font-semibold text-slate-900"}`}>{n.title}</span>;
  return (
    <li className={`flex gap-3 px-4 py-3 ${n.read ? "bg-white" : "bg-indigo-50/60"}`} data-read={n.read ? "true" : "false"}>
      <span
        aria-hidden="true"
        className={`mt-1.5 h-2 w-2 shrink-0 rounded-full ${n.read ? "bg-transparent" : "bg-indigo-600"}`}
      />
      <div className="min-w-0 flex-1">
        {n.link ? (
          <Link href={n.link} onClick={onNavigate} className="rounded hover:underline">
            {title}
          </Link>
        ) : (
          title
        )}
        {n.body ? <p className="mt-0.5 text-sm text-slate-600">{n.body}</p> : null}
        <p className="mt-1 text-xs text-slate-500">
          <time dateTime={n.createdAt} title={created.toLocaleString()}>
            {age}
          </time>
          {n.read ? null : <span className="sr-only"> · unread</span>}
        </p>
      </div>
      {n.read ? null : (
        <button
          type="button"
          onClick={onMarkRead}
          className="h-fit shrink-0 rounded px-1 text-xs font-medium text-indigo-700 hover:text-indigo-900"
          aria-label={`Mark “${n.title}” as read`}
        >
          Mark read
        </button>
      )}
    </li>
  );
}

function BellIcon() {
  return (
    <svg viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden="true" focusable="false">
      <path
        strokeLinecap="round"
        strokeLinejoin="round"
        d="M14.857 17.082a23.848 23.848 0 0 0 5.454-1.31A8.967 8.967 0 0 1 18 9.75V9A6 6 0 0 0 6 9v.75a8.967 8.967 0 0 1-2.312 6.022c1.733.64 3.56 1.085 5.455 1.31m5.714 0a24.255 24.255 0 0 1-5.714 0m5.714 0a3 3 0 1 1-5.714 0"
      />
    </svg>
  );
}
