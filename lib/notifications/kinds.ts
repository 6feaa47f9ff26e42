// The kinds of notification a person can choose e-mail for, with what the preferences page
// says about each. A producer's kind is matched exactly, else by its family (the part before
// the first "_": "budget_warning" follows the "budget" choice, "import_failed" the "import"
// one). A kind outside every family is in-app only: a person could not turn its e-mail off.

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
    kind: "summary_updated",
    label: "Summary updates",
    // Off by default: the summary changes with every transaction; a mail each time is spam.
    description: "Your financial summary was recomputed after a change (this happens often).",
    emailByDefault: false,
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
