import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { LoginForm } from "@/components/auth/login-form";
import { safeCallbackPath } from "@/components/auth/safe-redirect";
import { currentUser } from "@/lib/auth/require-user";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [user, params] = await Promise.all([currentUser(), searchParams]);
  const callbackPath = safeCallbackPath(params.callbackUrl);
  if (user) redirect(callbackPath);

  const demoLogin = process.env.NEXT_PUBLIC_DEMO_LOGIN?.trim() || null;
  const error = typeof params.error === "string" ? params.error : null;

  return (
    <AuthCard title="Sign in" subtitle="Welcome back. Sign in to see your finances.">
      <LoginForm demoLogin={demoLogin} callbackPath={callbackPath} initialError={error} />
    </AuthCard>
  );
}
