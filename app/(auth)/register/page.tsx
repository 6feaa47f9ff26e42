import type { Metadata } from "next";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { RegisterForm } from "@/components/auth/register-form";
import { authOptions } from "@/lib/auth/options";

export const metadata: Metadata = { title: "Create an account" };

export default async function RegisterPage() {
  const session = await getServerSession(authOptions);
  if (session?.user?.id) redirect("/dashboard");

  return (
    <AuthCard title="Create your account" subtitle="Track income and spending, and see where your money goes.">
      <RegisterForm />
    </AuthCard>
  );
}
