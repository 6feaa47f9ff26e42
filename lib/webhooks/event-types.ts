// The events a webhook endpoint can subscribe to, with what Settings says about each.
export const WEBHOOK_EVENT_TYPES = [
  { type: "import.completed", label: "Import completed", description: "A file import finished; the body has its counts." },
  { type: "import.failed", label: "Import failed", description: "A file import stopped and imported nothing." },
  { type: "summary.updated", label: "Summary updated", description: "Your financial summary was recomputed." },
  { type: "budget.exceeded", label: "Budget exceeded", description: "A budget went over its amount." },
  { type: "insight.created", label: "Insight created", description: "New insights: spending spikes, creep, recurring payments." },
  { type: "job.failed", label: "Any job failed", description: "A background job of yours failed for good." },
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number]["type"];

export const WEBHOOK_EVENT_TYPE_NAMES = WEBHOOK_EVENT_TYPES.map((e) => e.type) as [WebhookEventType, ...WebhookEventType[]];

/** Sent by "Send a test event" to one endpoint, whatever it subscribes to. */
export const TEST_EVENT_TYPE = "webhook.test";
