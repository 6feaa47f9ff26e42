/** The × that closes a note or panel; `tone` matches the panel it sits on. */
export function DismissButton({ onDismiss, tone = "slate" }: { onDismiss: () => void; tone?: "slate" | "indigo" }) {
  const colours = tone === "indigo" ? "text-indigo-700 hover:bg-indigo-100" : "text-slate-500 hover:bg-slate-100 hover:text-slate-800";
  return (
    <button type="button" onClick={onDismiss} aria-label="Dismiss" className={`-mr-1 -mt-0.5 rounded p-1 ${colours}`}>
      <svg viewBox="0 0 20 20" className="h-4 w-4" fill="currentColor" aria-hidden="true" focusable="false">
        <path d="M6.3 5.3a1 1 0 0 0-1.4 1.4L8.6 10l-3.7 3.3a1 1 0 1 0 1.4 1.4L10 11.4l3.3 3.3a1 1 0 0 0 1.4-1.4L11.4 10l3.3-3.3a1 1 0 0 0-1.4-1.4L10 8.6 6.3 5.3Z" />
      </svg>
    </button>
  );
}
