import { useCallback, useEffect, useRef, useState } from "react";
import { fetchImport, type ImportView } from "./import-api";
import { isActiveImport } from "./import-format";

// One import, re-read every POLL_MS while its job is queued or running (the counts move), and
// on demand (after confirm, undo, or the job's end).

const POLL_MS = 1500;

export interface ImportState {
  imp: ImportView | null;
  /** "missing": 404 (not there, or someone else's). */
  state: "loading" | "ready" | "missing" | "error" | "unauthorized";
  error: string | null;
  refresh: () => Promise<void>;
  set: (imp: ImportView) => void;
}

export function useImport(id: string): ImportState {
  const [imp, setImp] = useState<ImportView | null>(null);
  const [state, setState] = useState<ImportState["state"]>("loading");
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);

  const refresh = useCallback((): Promise<void> => {
    const mine = ++seq.current;
    // State is set in the callback only (this also runs from an effect).
    return fetchImport(id).then((res) => {
      if (mine !== seq.current) return;
      if (res.ok) {
        setImp(res.data.import);
        setState("ready");
        setError(null);
        return;
      }
      if (res.status === 401) setState("unauthorized");
      else if (res.status === 404) setState("missing");
      else {
        setError(res.message);
        // A failed re-read keeps what is shown; only a first load turns into an error page.
        setState((s) => (s === "ready" ? s : "error"));
      }
    });
  }, [id]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const active = imp !== null && isActiveImport(imp.status);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => void refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [active, refresh]);

  const set = useCallback((next: ImportView) => {
    seq.current++;
    setImp(next);
    setState("ready");
  }, []);

  return { imp, state, error, refresh, set };
}
