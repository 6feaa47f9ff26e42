import type { ReactNode } from "react";

// What a panel shows when its data could not be loaded: why, and "Try again". The container's
// look is the caller's (a bordered card, or a row inside a list).

export function LoadFailed({ message, onRetry, className }: { message: ReactNode; onRetry: () => void; className: string }) {
  return (
    <div role="alert" className={className}>
      <p>{message}</p>
      <button type="button" onClick={onRetry} className="mt-3 rounded-lg border border-red-300 bg-white px-3 py-1.5 font-medium hover:bg-red-50">
        Try again
      </button>
    </div>
  );
}
