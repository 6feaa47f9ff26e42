// The e-mail for one notification: the title as subject, the body, a link into the app and a
// footer that says where to turn these e-mails off. Plain text first, with a simple HTML
// alternative (inline styles only: mail clients ignore style sheets).

export const PREFERENCES_PATH = "/dashboard/settings/notifications";

export interface NotificationEmailInput {
  title: string;
  body?: string | null;
  /** An app path ("/dashboard/budgets") or an absolute URL. */
  link?: string | null;
  kindLabel?: string;
}

export interface ComposedEmail {
  subject: string;
  text: string;
  html: string;
}

/** An absolute URL for an app path; null for a link that is neither a path nor http(s). */
export function absoluteLink(link: string, appUrl: string): string | null {
  // A path is appended to APP_URL, keeping the base's own path prefix when it has one.
  if (link.startsWith("/") && !link.startsWith("//")) return `${appUrl.replace(/\/+$/, "")}${link}`;
  try {
    const url = new URL(link);
    return url.protocol === "http:" || url.protocol === "https:" ? url.toString() : null;
  } catch {
    return null;
  }
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

// Subjects are one line: a title with a newline would otherwise break the header.
const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();

export function composeNotificationEmail(n: NotificationEmailInput, appUrl: string): ComposedEmail {
  const subject = oneLine(n.title).slice(0, 200) || "Tallyboard notification";
  const link = n.link ? absoluteLink(n.link, appUrl) : null;
  const preferences = absoluteLink(PREFERENCES_PATH, appUrl)!;
  const why = n.kindLabel
    ? `You get this e-mail because "${n.kindLabel}" e-mails are on in your Tallyboard settings.`
    : "You get this e-mail because of your Tallyboard notification settings.";

  const text = [
    subject,
    "",
    ...(n.body ? [n.body, ""] : []),
    ...(link ? [`Open in Tallyboard: ${link}`, ""] : []),
    "--",
    why,
    `Change which e-mails you get: ${preferences}`,
    "",
  ].join("\n");

  const paragraph = (inner: string) => `<p style="margin:0 0 16px">${inner}</p>`;
  const html = [
    "<!doctype html>",
    '<html><body style="margin:0;padding:24px;background:#f8fafc;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#0f172a">',
    '<div style="max-width:560px;margin:0 auto;background:#ffffff;border:1px solid #e2e8f0;border-radius:12px;padding:24px">',
    `<h1 style="margin:0 0 16px;font-size:18px">${escapeHtml(subject)}</h1>`,
    n.body ? paragraph(escapeHtml(n.body).replace(/\n/g, "<br>")) : "",
    link
      ? paragraph(
          `<a href="${escapeHtml(link)}" style="display:inline-block;background:#4f46e5;color:#ffffff;text-decoration:none;padding:8px 16px;border-radius:8px">Open in Tallyboard</a>`,
        )
      : "",
    "</div>",
    `<p style="max-width:560px;margin:16px auto 0;font-size:12px;color:#64748b">${escapeHtml(why)} `,
    `<a href="${escapeHtml(preferences)}" style="color:#4f46e5">Change which e-mails you get</a>.</p>`,
    "</body></html>",
  ].join("");

  return { subject, text, html };
}
