"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { FormActions } from "@/components/form/form-parts";
import { requestJson } from "@/components/transactions/transaction-api";
import type { NotificationSettings } from "@/lib/notifications/preferences";
import { LoadFailed } from "@/components/load-failed";
import { PageHeader } from "@/components/page-header";

// The notification settings page: per kind of notification, whether it appears under the bell
// and whether it arrives by e-mail, and whether this server can send e-mail at all.

const API = "/api/notifications/preferences";

export function NotificationPreferences({ initial }: { initial: NotificationSettings | null }) {
  const router = useRouter();
  const [settings, setSettings] = useState<NotificationSettings | null>(initial);
  const [choices, setChoices] = useState<Choices>(() => choicesOf(initial));
  const [loadError, setLoadError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);

  const load = useCallback(() => {
    return requestJson<NotificationSettings>("GET", API).then((res) => {
      if (!res.ok) {
        if (res.status === 401) router.replace("/login");
        setLoadError(res.message);
        return;
      }
      setSettings(res.data);
      setChoices(choicesOf(res.data));
      setLoadError(null);
    });
  }, [router]);

  useEffect(() => {
    if (!initial) void load();
  }, [initial, load]);

  const dirty = settings
    ? settings.kinds.some((k) => choices.email[k.kind] !== k.email || choices.inApp[k.kind] !== k.inApp)
    : false;

  async function save(e: FormEvent) {
    e.preventDefault();
    setSaving(true);
    setSaved(null);
    setSaveError(null);
    const res = await requestJson<NotificationSettings>("PUT", API, { kinds: choices.email, inApp: choices.inApp });
    setSaving(false);
    if (!res.ok) {
      if (res.status === 401) router.replace("/login");
      setSaveError(`Your choices weren’t saved: ${res.message}`);
      return;
    }
    setSettings(res.data);
    setChoices(choicesOf(res.data));
    const total = res.data.kinds.length;
    const inApp = res.data.kinds.filter((k) => k.inApp).length;
    const email = res.data.kinds.filter((k) => k.email).length;
    setSaved(`Saved. In the app: ${inApp} of ${total} kinds; by e-mail: ${email === 0 ? "none" : `${email} of ${total}`}.`);
  }

  return (
    <div className="space-y-6">
      <PageHeader title="Notifications" description="Choose what appears under the bell at the top of the page and what also reaches you by e-mail. Routine updates (your summary refreshing after a change) never notify: the dashboard shows them." />

      {settings === null ? (
        loadError ? (
          <LoadFailed
            message={`We couldn't load your notification settings. ${loadError}`}
            onRetry={() => {
              setLoadError(null);
              void load();
            }}
            className="rounded-2xl border border-red-200 bg-red-50 px-4 py-6 text-center text-sm text-red-800"
          />
        ) : (
          <p className="py-10 text-center text-sm text-slate-500" role="status">
            Loading your settings…
          </p>
        )
      ) : (
        <form onSubmit={save} className="space-y-4">
          <EmailStatus email={settings.email} />

          <fieldset className="overflow-hidden rounded-2xl border border-slate-200 bg-white shadow-sm">
            <legend className="sr-only">Notify me about</legend>
            <div className="flex items-end justify-between gap-4 border-b border-slate-200 px-4 py-3">
              <h2 className="text-base font-semibold text-slate-900" aria-hidden="true">
                Notify me about
              </h2>
              <div className="flex shrink-0 gap-3 text-xs font-medium text-slate-600" aria-hidden="true">
                <span className="w-11 text-center">App</span>
                <span className="w-11 text-center">E-mail</span>
              </div>
            </div>
            <ul className="divide-y divide-slate-100" data-testid="notification-kinds">
              {settings.kinds.map((k) => (
                <li key={k.kind} className="flex items-start justify-between gap-4 px-4 py-3">
                  <div className="min-w-0">
                    <p id={`${k.kind}-label`} className="text-sm font-medium text-slate-900">
                      {k.label}
                    </p>
                    <p id={`${k.kind}-description`} className="mt-0.5 text-sm text-slate-600">
                      {k.description}
                    </p>
                  </div>
                  <div className="flex shrink-0 gap-3">
                    {(["inApp", "email"] as const).map((channel) => (
                      <Toggle
                        key={channel}
                        label={`${k.label}: ${channel === "inApp" ? "in the app" : "by e-mail"}`}
                        describedBy={`${k.kind}-description`}
                        checked={choices[channel][k.kind] ?? false}
                        onChange={(checked) => {
                          setChoices((prev) => ({ ...prev, [channel]: { ...prev[channel], [k.kind]: checked } }));
                          setSaved(null);
                        }}
                      />
                    ))}
                  </div>
                </li>
              ))}
            </ul>
          </fieldset>

          {saveError ? (
            <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
              {saveError}
            </p>
          ) : null}

          <div className="flex flex-wrap items-center gap-3">
            <FormActions pending={saving} label="Save" pendingLabel="Saving…" />
            <p role="status" aria-live="polite" className="text-sm text-emerald-700" data-testid="preferences-saved">
              {saved ?? (dirty ? <span className="text-slate-500">You have unsaved changes.</span> : null)}
            </p>
          </div>
        </form>
      )}
    </div>
  );
}

interface Choices {
  inApp: Record<string, boolean>;
  email: Record<string, boolean>;
}

function choicesOf(settings: NotificationSettings | null): Choices {
  const kinds = settings?.kinds ?? [];
  return {
    inApp: Object.fromEntries(kinds.map((k) => [k.kind, k.inApp])),
    email: Object.fromEntries(kinds.map((k) => [k.kind, k.email])),
  };
}

function EmailStatus({ email }: { email: NotificationSettings["email"] }) {
  return email.enabled ? (
    <p className="rounded-xl border border-slate-200 bg-white px-4 py-3 text-sm text-slate-700" data-testid="email-status">
      E-mail is set up on this server. Notification e-mails go to <strong className="font-medium text-slate-900">{email.address}</strong>.
    </p>
  ) : (
    <p className="rounded-xl border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900" data-testid="email-status">
      E-mail isn&apos;t set up on this server, so notifications appear in the app only. Your choices are kept for when it is
      (mails would go to <strong className="font-medium">{email.address}</strong>).
    </p>
  );
}

function Toggle({ label, describedBy, checked, onChange }: { label: string; describedBy: string; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <span className="relative inline-flex shrink-0 items-center">
      <input
        type="checkbox"
        aria-label={label}
        role="switch"
        aria-describedby={describedBy}
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        className="peer h-6 w-11 cursor-pointer appearance-none rounded-full bg-slate-300 transition checked:bg-indigo-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
      />
      <span
        aria-hidden="true"
        className="pointer-events-none absolute left-0.5 h-5 w-5 rounded-full bg-white shadow transition peer-checked:translate-x-5"
      />
    </span>
  );
}
