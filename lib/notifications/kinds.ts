// The kinds of notification a person can turn on or off, in the app and by e-mail, with what
// the preferences page says about each. Only what a person wants to know is a kind: a summary
// recompute (every add, edit or delete) is not; the dashboard shows it fresh instead. A producer's kind is matched exactly, else by its family (the part before
// the first "_": "budget_warning" follows the "budget" choice, "import_failed" the "import"
// one). A kind outside every family is in-app only: a person could not turn it off.

export interface NotificationKindInfo {
  kind: string;
  label: string;
  description: string;
  /** E-mail when the person has not chosen. */
  emailByDefault: boolean;
}

export const NOTIFICATION_KINDS = [
  {
    kind: "import_completed",
    label: "Imports",
    description: "A CSV import finished: rows imported, skipped and any errors.",
    emailByDefault: true,
  },
  {
    kind: "categorize_completed",
    label: "Categorization",
    description: "A categorization run finished, with how many transactions need your review.",
    emailByDefault: true,
  },
  {
    kind: "budget_exceeded",
    label: "Budget alerts",
    description: "A budget went over its amount or its alert threshold.",
    emailByDefault: true,
  },
  {
    kind: "insight",
    label: "New insights",
    description: "Spending spikes, category creep and recurring payments we noticed.",
    emailByDefault: true,
  },
  {
    kind: "job_failed",
    label: "Failed jobs",
    description: "A background job of yours (an import, a categorization, a forecast…) failed for good after its retries.",
    emailByDefault: true,
  },
] as const satisfies readonly NotificationKindInfo[];

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]["kind"];

export const NOTIFICATION_KIND_NAMES = NOTIFICATION_KINDS.map((k) => k.kind) as [NotificationKind, ...NotificationKind[]];

const familyOf = (kind: string) => kind.split("_")[0];

/** The preference that governs a producer's kind, or null when none does (in-app only). */
export function preferenceKindOf(kind: string): NotificationKindInfo | null {
  return (
    NOTIFICATION_KINDS.find((k) => k.kind === kind) ?? NOTIFICATION_KINDS.find((k) => familyOf(k.kind) === familyOf(kind)) ?? null
  );
}
