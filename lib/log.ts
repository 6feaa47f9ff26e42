import pino from "pino";

// One structured logger. Log lines carry ids (job, user), never secrets: the redact list
// catches the usual places a token or password could hide in a logged object.
export const log = pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: {
    service:
      process.env.TALLYBOARD_SERVICE ??
      (process.argv[1]?.includes("processFinancialSummaryQueue") ? "worker" : "web"),
  },
  redact: {
    paths: [
      "password",
      "*.password",
      "token",
      "*.token",
      "secret",
      "*.secret",
      "authorization",
      "*.authorization",
      "headers.authorization",
      "req.headers.authorization",
      "req.headers.cookie",
    ],
    censor: "[redacted]",
  },
});

export type Logger = typeof log;
