import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { RegisterForm } from "@/components/auth/register-form";
import { currentUser } from "@/lib/auth/require-user";

export const metadata: Metadata = { title: "Create an account" };

export default async function RegisterPage() {
  if (await currentUser()) redirect("/dashboard");

  return (
    <AuthCard title="Create your account" subtitle="Track income and spending, and see where your money goes.">
      <RegisterForm />
    </AuthCard>
  );
}
