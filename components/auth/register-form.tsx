"use client";

import Link from "next/link";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type ChangeEvent, type FormEvent } from "react";
import { splitSubmitErrors } from "@/components/form/form-parts";
import { AuthField, EMAIL_INPUT, FormError, SubmitButton } from "./auth-field";

type FieldName = "name" | "email" | "password";
const FIELD_NAMES: FieldName[] = ["name", "email", "password"];
type Fields = Partial<Record<FieldName, string[]>>;

interface ApiError {
  error?: string;
  message?: string;
  fields?: Record<string, string[]>;
}

/** Focus moves to the first field with an error, so its message is read out with it. */
function focusField(name: FieldName) {
  requestAnimationFrame(() => document.getElementById(`field-${name}`)?.focus());
}

export function RegisterForm() {
  const router = useRouter();
  const [values, setValues] = useState({ name: "", email: "", password: "" });
  const [fields, setFields] = useState<Fields>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [phase, setPhase] = useState<"idle" | "registering" | "signing-in">("idle");
  const pending = phase !== "idle";

  /** An input's name, value, change handler and errors. */
  const input = (name: FieldName) => ({
    name,
    value: values[name],
    onChange: (e: ChangeEvent<HTMLInputElement>) => {
      const value = e.target.value;
      setValues((v) => ({ ...v, [name]: value }));
    },
    errors: fields[name],
  });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    setFormError(null);
    setFields({});
    setPhase("registering");

    let res: Response;
    try {
      res = await fetch("/api/register", {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify(values),
      });
    } catch {
      setFormError("We couldn't reach the server. Check your connection and try again.");
      setPhase("idle");
      return;
    }

    if (!res.ok) {
      const body = (await res.json().catch(() => ({}))) as ApiError;
      if (res.status === 409) {
        setFields({ email: ["This email is already registered. Sign in instead, or use another email."] });
        focusField("email");
      } else if (res.status === 422 && body.fields) {
        const refused = splitSubmitErrors(body, FIELD_NAMES);
        setFields(refused.fields);
        setFormError(refused.formError);
        const first = FIELD_NAMES.find((f) => refused.fields[f]);
        if (first) focusField(first);
      } else {
        setFormError(body.message ?? "Something went wrong. Please try again.");
      }
      setPhase("idle");
      return;
    }

    // The account exists: sign in with the same credentials and go to the dashboard.
    setPhase("signing-in");
    try {
      const signed = await signIn("credentials", { email: values.email.trim(), password: values.password, redirect: false });
      if (!signed || signed.error || !signed.ok) throw new Error(signed?.error ?? "sign-in failed");
      router.replace("/dashboard");
      router.refresh();
    } catch {
      setFormError("Your account was created, but signing in failed. Please sign in.");
      setPhase("idle");
      router.push("/login");
    }
  }

  return (
    // method="post": submitted before the script loads, the password must not land in the URL.
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-4" aria-busy={pending}>
      {formError ? <FormError>{formError}</FormError> : null}
      <AuthField {...input("name")} label="Name" autoComplete="name" required />
      <AuthField {...input("email")} label="Email" {...EMAIL_INPUT} />
      <AuthField {...input("password")} label="Password" type="password" autoComplete="new-password" required minLength={8} hint="At least 8 characters, at most 72 bytes." />
      <SubmitButton pending={pending} pendingText={phase === "signing-in" ? "Signing you in…" : "Creating account…"}>
        Create account
      </SubmitButton>
      <p className="text-center text-sm text-slate-600">
        Already have an account?{" "}
        <Link href="/login" className="rounded font-medium text-indigo-700 underline-offset-2 hover:underline">
          Sign in
        </Link>
      </p>
    </form>
  );
}
