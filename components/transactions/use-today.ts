import { useSyncExternalStore } from "react";
import { localToday } from "@/components/dashboard/dashboard-format";

const noop = () => () => undefined;

/** Today ("YYYY-MM-DD") in the viewer's time zone; "" during server render and hydration. */
export function useToday(): string {
  return useSyncExternalStore(noop, () => localToday(), () => "");
}
