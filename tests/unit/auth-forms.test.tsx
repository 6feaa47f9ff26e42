import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { LoginForm } from "../../components/auth/login-form";
import { RegisterForm } from "../../components/auth/register-form";

vi.mock("next/navigation", () => ({ useRouter: () => ({ push: vi.fn(), replace: vi.fn(), refresh: vi.fn() }) }));

// Issue 11: the sign-in and register forms had no method, so one submitted before the page's
// JavaScript loaded was a GET that put the password in the URL (history, logs, Referer). The
// server-rendered HTML is what such a submit uses, so that is what is checked.

const formTags = (html: string) => html.match(/<form\b[^>]*>/g) ?? [];

describe("the credential forms, as the server renders them", () => {
  it.each([
    ["sign-in", () => renderToStaticMarkup(<LoginForm />)],
    ["register", () => renderToStaticMarkup(<RegisterForm />)],
  ])("the %s form posts, so a password never lands in a URL", (_name, render) => {
    const html = render();
    expect(html).toMatch(/<input\b[^>]*type="password"/);
    const forms = formTags(html);
    expect(forms).toHaveLength(1);
    expect(forms[0]).toMatch(/\bmethod="post"/i);
    // No action sending it to another origin, or anywhere but this page.
    expect(forms[0]).not.toMatch(/\baction=/);
  });
});
