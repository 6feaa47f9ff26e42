"use client";

import { useEffect, useState } from "react";
import { readThemeChoice, saveThemeChoice, type ThemeChoice } from "./apply-theme";

// System, light or dark, as a small labelled select (a native control: keyboard and screen
// readers know it). The stored choice is read after mount; the server cannot know it.

const OPTIONS: { value: ThemeChoice; label: string }[] = [
  { value: "system", label: "System theme" },
  { value: "light", label: "Light" },
  { value: "dark", label: "Dark" },
];

export function ThemeSwitch({ className = "" }: { className?: string }) {
  const [choice, setChoice] = useState<ThemeChoice>("system");
  // eslint-disable-next-line react-hooks/set-state-in-effect -- localStorage exists only in the browser, after hydration
  useEffect(() => setChoice(readThemeChoice()), []);
  return (
    <label className={`flex items-center gap-1.5 text-sm text-slate-600 ${className}`}>
      <span className="sr-only">Colour theme</span>
      <svg viewBox="0 0 20 20" className="h-4 w-4" fill="currentColor" aria-hidden="true" focusable="false">
        <path d="M10 2a8 8 0 100 16V2z" />
        <circle cx="10" cy="10" r="7.25" fill="none" stroke="currentColor" strokeWidth="1.5" />
      </svg>
      <select
        value={choice}
        onChange={(e) => {
          const next = e.target.value as ThemeChoice;
          setChoice(next);
          saveThemeChoice(next);
        }}
        data-testid="theme-switch"
        className="rounded-lg border border-slate-300 bg-white py-1 pl-2 pr-7 text-sm text-slate-800"
      >
        {OPTIONS.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
