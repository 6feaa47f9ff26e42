"use client";

import Link from "next/link";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { AuthField, EMAIL_INPUT, FormError, SubmitButton } from "./auth-field";

type Fields = Partial<Record<"email" | "password", string[]>>;

const SIGN_IN_ERRORS: Record<string, string> = {
  CredentialsSignin: "That email and password don't match an account.",
  SessionRequired: "Please sign in to continue.",
  // lib/auth/sign-in-throttle.ts TOO_MANY_SIGN_INS (not imported: that module is server-only)
  TooManySignInAttempts: "Too many sign-in attempts from this address. Wait 15 minutes, then try again.",
};

export function LoginForm({
  demoLogin,
  callbackPath = "/dashboard",
  initialError,
}: {
  demoLogin?: string | null;
  callbackPath?: string;
  initialError?: string | null;
}) {
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [fields, setFields] = useState<Fields>({});
  const [formError, setFormError] = useState<string | null>(
    initialError ? (SIGN_IN_ERRORS[initialError] ?? "Sign-in failed. Please try again.") : null,
  );
  const [pending, setPending] = useState(false);

  const demo = parseDemoLogin(demoLogin);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const next: Fields = {};
    if (!email.trim()) next.email = ["Enter your email address."];
    if (!password) next.password = ["Enter your password."];
    setFields(next);
    setFormError(null);
    if (Object.keys(next).length > 0) return;

    setPending(true);
    try {
      const res = await signIn("credentials", { email: email.trim(), password, redirect: false });
      if (!res || res.error || !res.ok) {
        setFormError(SIGN_IN_ERRORS[res?.error ?? ""] ?? "Sign-in failed. Please try again.");
        setPending(false);
        return;
      }
      router.replace(callbackPath);
      router.refresh();
    } catch {
      setFormError("We couldn't reach the server. Check your connection and try again.");
      setPending(false);
    }
  }

  return (
    // method="post": submitted before the script loads, the password must not land in the URL.
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-4" aria-busy={pending}>
      {demo ? (
        <div className="rounded-lg border border-indigo-200 bg-indigo-50 p-3 text-sm text-indigo-900" data-testid="demo-login">
          <p>
            <span className="font-medium">Demo account:</span>{" "}
            <span className="mt-0.5 block break-words font-mono text-[0.8125rem]">{demoLogin}</span>
          </p>
          {demo.email && demo.password ? (
            <button
              type="button"
              onClick={() => {
                setEmail(demo.email);
                setPassword(demo.password);
                setFields({});
                setFormError(null);
              }}
              className="mt-2 rounded-md text-sm font-medium text-indigo-700 underline underline-offset-2 hover:text-indigo-900"
            >
              Fill in the demo account
            </button>
          ) : null}
        </div>
      ) : null}

      {formError ? <FormError>{formError}</FormError> : null}

      <AuthField name="email" label="Email" {...EMAIL_INPUT} value={email} onChange={(e) => setEmail(e.target.value)} errors={fields.email} />
      <AuthField
        name="password"
        label="Password"
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        errors={fields.password}
      />
      <SubmitButton pending={pending} pendingText="Signing in…">
        Sign in
      </SubmitButton>
      <p className="text-center text-sm text-slate-600">
        New to Tallyboard?{" "}
        <Link href="/register" className="rounded font-medium text-indigo-700 underline-offset-2 hover:underline">
          Create an account
        </Link>
      </p>
    </form>
  );
}

/** "demo@tallyboard.app / demo1234" → { email, password }; anything else is shown as is. */
function parseDemoLogin(value: string | null | undefined): { email: string; password: string } | null {
  if (!value) return null;
  const [email = "", ...rest] = value.split("/");
  return { email: email.trim(), password: rest.join("/").trim() };
}
