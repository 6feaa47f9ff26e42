"use client";

import { FormError } from "@/components/auth/auth-field";
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { requestJson } from "@/components/transactions/transaction-api";
import { WEBHOOK_EVENT_TYPES } from "@/lib/webhooks/event-types";
import type { EndpointView } from "@/lib/webhooks/manage-endpoints";

// Settings › Webhooks: endpoints that get a signed POST when background work finishes, the
// secret shown once, each endpoint's recent deliveries, and a test event.

const API = "/api/webhooks";
const input = "mt-1 block w-full rounded-lg border border-slate-300 px-2.5 py-1.5 text-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-200";
const DELIVERY_TONE: Record<string, string> = {
  succeeded: "text-green-800",
  retrying: "text-amber-800",
  pending: "text-slate-700",
  failed: "text-red-800",
};

function when(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString("en-GB", { dateStyle: "short", timeStyle: "short" }) : "—";
}

function statusText(d: EndpointView["deliveries"][number]): string {
  const tries = d.attempts > 1 ? ` (${d.attempts} tries)` : "";
  const next = d.status === "retrying" && d.nextAttemptAt ? `, next ${new Date(d.nextAttemptAt).toLocaleTimeString("en-GB", { timeStyle: "short" })}` : "";
  return `${d.status}${tries}${next}`;
}

const responseText = (d: EndpointView["deliveries"][number]) => (d.responseStatus === null ? (d.error ?? "—") : String(d.responseStatus));

export function WebhookSettings({ initial }: { initial: EndpointView[] | null }) {
  const [endpoints, setEndpoints] = useState<EndpointView[]>(initial ?? []);
  const [url, setUrl] = useState("");
  const [events, setEvents] = useState<string[]>(["import.completed", "import.failed"]);
  const [error, setError] = useState<string | null>(null);
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    const res = await requestJson<{ endpoints: EndpointView[] }>("GET", API);
    if (res.ok) setEndpoints(res.data.endpoints);
  }, []);
  useEffect(() => {
    if (initial) return;
    let live = true;
    void requestJson<{ endpoints: EndpointView[] }>("GET", API).then((res) => {
      if (live && res.ok) setEndpoints(res.data.endpoints);
    });
    return () => {
      live = false;
    };
  }, [initial]);

  async function add(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const res = await requestJson<{ endpoint: EndpointView; secret: string }>("POST", API, { url, events });
    setBusy(false);
    if (!res.ok) return setError(res.fields ? Object.values(res.fields).flat().join(" ") : res.message);
    setSecret({ url: res.data.endpoint.url, secret: res.data.secret });
    setUrl("");
    await refresh();
  }

  async function act(method: string, path: string, body?: unknown, done?: string) {
    setNote(null);
    const res = await requestJson(method, path, body);
    setNote(res.ok ? (done ?? null) : res.message);
    await refresh();
  }

  return (
    <section id="webhooks" aria-labelledby="webhooks-title" className="mt-10 space-y-5">
      <div>
        <h2 id="webhooks-title" className="text-xl font-semibold tracking-tight text-slate-900">
          Webhooks
        </h2>
        <p className="mt-1 max-w-2xl text-sm text-slate-600">
          Tallyboard POSTs a signed JSON body to your URL when background work finishes. Check the <code>Tallyboard-Signature</code> header
          with the secret (the README shows how). Failed deliveries are retried for 24 hours; an endpoint failing for a whole day is turned off.
        </p>
      </div>

      {secret ? (
        <div role="status" className="rounded-xl border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950" data-testid="webhook-secret">
          <p className="font-semibold">Copy the signing secret for {secret.url} now: it is not shown again.</p>
          <code className="mt-2 block break-all rounded bg-white px-2 py-1.5 font-mono text-xs">{secret.secret}</code>
          <button type="button" onClick={() => setSecret(null)} className="mt-2 text-sm font-medium text-amber-900 underline">
            I have copied it
          </button>
        </div>
      ) : null}

      <form onSubmit={add} className="space-y-3 rounded-xl border border-slate-200 bg-white p-4">
        <label className="block text-sm">
          <span className="font-medium text-slate-700">Endpoint URL</span>
          <input name="url" type="url" required placeholder="https://example.com/hooks/tallyboard" value={url} onChange={(e) => setUrl(e.target.value)} className={input} />
        </label>
        <fieldset>
          <legend className="text-sm font-medium text-slate-700">Events</legend>
          <div className="mt-1 grid gap-1 sm:grid-cols-2">
            {WEBHOOK_EVENT_TYPES.map((t) => (
              <label key={t.type} className="flex items-start gap-2 text-sm text-slate-700">
                <input
                  type="checkbox"
                  className="mt-0.5"
                  checked={events.includes(t.type)}
                  onChange={(e) => setEvents(e.target.checked ? [...events, t.type] : events.filter((x) => x !== t.type))}
                />
                <span>
                  {t.label} <span className="text-xs text-slate-500">({t.type})</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        {error ? <FormError>{error}</FormError> : null}
        <button type="submit" disabled={busy} className="rounded-lg bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-indigo-700 disabled:opacity-60">
          {busy ? "Adding…" : "Add endpoint"}
        </button>
      </form>

      {note ? (
        <p role="status" className="text-sm text-slate-700">
          {note}
        </p>
      ) : null}
      <ul className="space-y-3" data-testid="webhook-endpoints">
        {endpoints.map((ep) => (
          <li key={ep.id} className={`rounded-xl border bg-white p-4 ${ep.enabled ? "border-slate-200" : "border-dashed border-slate-300"}`}>
            <div className="flex flex-wrap items-start justify-between gap-2">
              <div className="min-w-0">
                <p className="break-all font-medium text-slate-900">{ep.url}</p>
                <p className="mt-0.5 text-xs text-slate-600">
                  <span
                    className={`mr-1 inline-block rounded-full px-1.5 py-0.5 font-semibold ${ep.enabled ? "bg-green-100 text-green-800" : "bg-slate-100 text-slate-700"}`}
                    data-testid="webhook-state"
                  >
                    {ep.enabled ? "On" : "Off"}
                  </span>
                  secret {ep.secretHint} · {ep.events.join(", ")}
                </p>
                {ep.disabledReason ? <p className="mt-1 text-xs text-red-700">{ep.disabledReason}</p> : null}
              </div>
              <div className="flex flex-wrap gap-1">
                <button type="button" onClick={() => act("POST", `${API}/${ep.id}/test`, undefined, "Test event queued")} className="rounded-md border border-slate-300 px-2 py-1 text-sm font-medium text-slate-700 hover:bg-slate-50">
                  Send test event
                </button>
                <button type="button" onClick={() => act("PATCH", `${API}/${ep.id}`, { enabled: !ep.enabled })} className="rounded-md px-2 py-1 text-sm font-medium text-indigo-700 hover:bg-indigo-50">
                  {ep.enabled ? "Turn off" : "Turn on"}
                </button>
                <button type="button" onClick={() => act("DELETE", `${API}/${ep.id}`)} className="rounded-md px-2 py-1 text-sm font-medium text-red-700 hover:bg-red-50">
                  Remove
                </button>
              </div>
            </div>
            {ep.deliveries.length ? (
              <>
                {/* Phones: one delivery a line pair; a five-column table would scroll sideways. */}
                <ul className="mt-3 divide-y divide-slate-100 border-t border-slate-100 text-xs sm:hidden" aria-label={`Recent deliveries to ${ep.url}`}>
                  {ep.deliveries.map((d) => (
                    <li key={d.id} className="py-1.5">
                      <p className="flex justify-between gap-2">
                        <span className="text-slate-700">{d.eventType}</span>
                        <span className={`font-medium ${DELIVERY_TONE[d.status] ?? ""}`}>{statusText(d)}</span>
                      </p>
                      <p className="flex justify-between gap-2 text-slate-500">
                        <span className="min-w-0 break-words">{responseText(d)}</span>
                        <span className="shrink-0 tabular-nums">
                          {d.durationMs === null ? "" : `${d.durationMs} ms · `}
                          {when(d.lastAttemptAt)}
                        </span>
                      </p>
                    </li>
                  ))}
                </ul>
                <table className="mt-3 hidden w-full table-fixed text-left text-xs sm:table">
                  <caption className="sr-only">Recent deliveries to {ep.url}</caption>
                  <colgroup>
                    <col className="w-[22%]" />
                    <col className="w-[22%]" />
                    <col />
                    <col className="w-20" />
                    <col className="w-32" />
                  </colgroup>
                  <thead className="text-slate-500">
                    <tr>
                      <th className="py-1 pr-3 font-medium">Event</th>
                      <th className="py-1 pr-3 font-medium">Status</th>
                      <th className="py-1 pr-3 font-medium">Response</th>
                      <th className="py-1 pr-3 font-medium">Time</th>
                      <th className="py-1 font-medium">Last try</th>
                    </tr>
                  </thead>
                  <tbody className="text-slate-700">
                    {ep.deliveries.map((d) => (
                      <tr key={d.id} className="border-t border-slate-100">
                        <td className="truncate py-1 pr-3">{d.eventType}</td>
                        <td className={`py-1 pr-3 font-medium ${DELIVERY_TONE[d.status] ?? ""}`}>{statusText(d)}</td>
                        <td className="truncate py-1 pr-3" title={d.error ?? undefined}>
                          {responseText(d)}
                        </td>
                        <td className="whitespace-nowrap py-1 pr-3 tabular-nums">{d.durationMs === null ? "—" : `${d.durationMs} ms`}</td>
                        <td className="whitespace-nowrap py-1 tabular-nums">{when(d.lastAttemptAt)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            ) : (
              <p className="mt-2 text-xs text-slate-500">No deliveries yet.</p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
