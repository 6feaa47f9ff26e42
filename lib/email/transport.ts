import nodemailer, { type Transporter } from "nodemailer";
import { env } from "../env";
import { log } from "../log";

// Outgoing e-mail over SMTP, configured by one URL (SMTP_URL): smtp://user:pass@host:587
// upgrades with STARTTLS when the server offers it, smtps://…:465 is TLS from the start.
// The URL carries a password: it is never logged, and no error message that leaves this
// module contains it (redactSecrets).

// Short timeouts: a notification job must fail and retry rather than hang on a dead server
// (nodemailer's defaults wait up to 10 minutes for a socket).
const TIMEOUTS_MS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** A stable Message-ID, so a receiving system can spot a duplicate. */
  messageId?: string;
}

/**
 * Why a send failed. `permanent`: the server refused for good (a 5xx answer: recipient
 * unknown, sender not allowed, authentication refused): retrying cannot help.
 */
export class EmailDeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly responseCode?: number,
  ) {
    super(message);
    this.name = "EmailDeliveryError";
  }
}

export function smtpConfigured(): boolean {
  return Boolean(env().SMTP_URL);
}

/** The URL with its password replaced, for logs and the settings page: smtps://me:***@host:465 */
export function redactSmtpUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString().replace(/\/$/, "");
  } catch {
    return "(an SMTP URL that does not parse)";
  }
}

/** Removes the SMTP URL and its password (raw or decoded) from a text. */
export function redactSecrets(text: string, url = env().SMTP_URL): string {
  if (!url) return text;
  let out = text.split(url).join(redactSmtpUrl(url));
  try {
    const raw = new URL(url).password;
    for (const secret of new Set([raw, safeDecode(raw)])) {
      if (secret.length >= 3) out = out.split(secret).join("***");
    }
  } catch {
    // Not a URL: nothing more to find.
  }
  return out;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

const globalForEmail = globalThis as unknown as { tallyboardMail?: { url: string; transporter: Transporter } };

function transporter(url: string): Transporter {
  const cached = globalForEmail.tallyboardMail;
  if (cached?.url === url) return cached.transporter;
  cached?.transporter.close();
  const created = nodemailer.createTransport(url, {
    ...TIMEOUTS_MS,
    // nodemailer's own logger prints the AUTH exchange; keep it off.
    logger: false,
    debug: false,
  });
  globalForEmail.tallyboardMail = { url, transporter: created };
  log.info({ smtp: redactSmtpUrl(url) }, `[email] sending through ${redactSmtpUrl(url)}`);
  return created;
}

interface SmtpErrorShape {
  code?: string;
  responseCode?: number;
  message?: string;
}

/** Sends one message; throws EmailDeliveryError (never a raw error that could carry the URL). */
export async function sendEmail(mail: OutgoingEmail): Promise<{ messageId: string; response: string }> {
  const { SMTP_URL, SMTP_FROM } = env();
  if (!SMTP_URL) throw new EmailDeliveryError("SMTP_URL is not set", true);
  try {
    const info = (await transporter(SMTP_URL).sendMail({
      from: SMTP_FROM,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: mail.messageId,
    })) as { messageId: string; response: string; rejected?: unknown[] };
    return { messageId: info.messageId, response: redactSecrets(String(info.response ?? "")) };
  } catch (err) {
    const e = (err ?? {}) as SmtpErrorShape;
    const responseCode = typeof e.responseCode === "number" ? e.responseCode : undefined;
    const permanent = responseCode !== undefined && responseCode >= 500 && responseCode < 600;
    const what = e.code ? `${e.code}: ` : "";
    throw new EmailDeliveryError(redactSecrets(`${what}${e.message ?? String(err)}`, SMTP_URL), permanent, responseCode);
  }
}

/** Closes the SMTP transport (tests; the worker on shutdown). */
export function closeEmailTransport(): void {
  globalForEmail.tallyboardMail?.transporter.close();
  globalForEmail.tallyboardMail = undefined;
}
