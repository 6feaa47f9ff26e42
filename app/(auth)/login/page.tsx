import type { Metadata } from "next";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { LoginForm } from "@/components/auth/login-form";
import { safeCallbackPath } from "@/components/auth/safe-redirect";
import { authOptions } from "@/lib/auth/options";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [session, params] = await Promise.all([getServerSession(authOptions), searchParams]);
  const callbackPath = safeCallbackPath(params.callbackUrl);
  if (session?.user?.id) redirect(callbackPath);

  const demoLogin = process.env.NEXT_PUBLIC_DEMO_LOGIN?.trim() || null;
  const error = typeof params.error === "string" ? params.error : null;

  return (
    <AuthCard title="Sign in" subtitle="Welcome back. Sign in to see your finances.">
      <LoginForm demoLogin={demoLogin} callbackPath={callbackPath} initialError={error} />
    </AuthCard>
  );
}
