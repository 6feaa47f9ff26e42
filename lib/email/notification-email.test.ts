import { describe, expect, it } from "vitest";
import { absoluteLink, composeNotificationEmail } from "./notification-email";
import { redactSecrets, redactSmtpUrl } from "./transport";

describe("composeNotificationEmail", () => {
  const mail = composeNotificationEmail(
    { title: "Budget <Coffee> exceeded", body: "You spent $120.00 of $100.00.\nThat is 120 %.", link: "/dashboard/budgets?id=b1&x=1", kindLabel: "Budget alerts" },
    "https://tally.example.com/",
  );

  it("uses the title as the subject", () => {
    expect(mail.subject).toBe("Budget <Coffee> exceeded");
  });

  it("links to the notification's page and the preferences page, in both parts", () => {
    expect(mail.text).toContain("Open in Tallyboard: https://tally.example.com/dashboard/budgets?id=b1&x=1");
    expect(mail.text).toContain("Change which e-mails you get: https://tally.example.com/dashboard/settings/notifications");
    expect(mail.html).toContain('href="https://tally.example.com/dashboard/budgets?id=b1&amp;x=1"');
    expect(mail.html).toContain('href="https://tally.example.com/dashboard/settings/notifications"');
    expect(mail.text).toContain('"Budget alerts" e-mails are on');
  });

  it("escapes the title and body in the HTML part", () => {
    expect(mail.html).toContain("Budget &lt;Coffee&gt; exceeded");
    expect(mail.html).not.toContain("<Coffee>");
    expect(mail.html).toContain("$100.00.<br>That is 120 %.");
  });

  it("keeps the subject on one line and leaves out a missing link", () => {
    const bare = composeNotificationEmail({ title: "Import\r\nfinished" }, "http://localhost:3000");
    expect(bare.subject).toBe("Import finished");
    expect(bare.text).not.toContain("Open in Tallyboard");
    expect(bare.html).not.toContain("Open in Tallyboard");
  });
});

describe("absoluteLink", () => {
  it("appends a path to APP_URL, keeping the base's own path", () => {
    expect(absoluteLink("/dashboard", "https://example.com/tally/")).toBe("https://example.com/tally/dashboard");
  });

  it("keeps absolute http(s) links and drops other schemes", () => {
    expect(absoluteLink("https://bank.example/x", "https://example.com")).toBe("https://bank.example/x");
    expect(absoluteLink("javascript:alert(1)", "https://example.com")).toBeNull();
    expect(absoluteLink("//evil.example/x", "https://example.com")).toBeNull();
  });
});

describe("SMTP URL redaction", () => {
  const url = "smtps://alerts%40example.com:p%40ss%2Fw0rd@smtp.example.com:465";

  it("hides the password and keeps the rest", () => {
    expect(redactSmtpUrl(url)).toBe("smtps://alerts%40example.com:***@smtp.example.com:465");
  });

  it("removes the password, raw or decoded, from any text", () => {
    const text = `failed on ${url}: bad password p@ss/w0rd (p%40ss%2Fw0rd)`;
    const out = redactSecrets(text, url);
    expect(out).not.toContain("p@ss/w0rd");
    expect(out).not.toContain("p%40ss%2Fw0rd");
    expect(out).toContain("smtp.example.com:465");
  });
});
