import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { authOptions } from "./options";

// The signed-in user of a server component. proxy.ts already sends a visitor without a
// session cookie to /login before a dashboard page renders; this reads the verified session
// (a cookie can be present and expired) and redirects the same way.

export interface SignedInUser {
  id: string;
  role: string;
  name: string | null;
  email: string | null;
}

/** The session's user, or null: for pages that show either way (the sign-in page, the root). */
export async function currentUser(): Promise<SignedInUser | null> {
  const session = await getServerSession(authOptions);
  const user = session?.user;
  if (!user?.id) return null;
  return { id: user.id, role: user.role, name: user.name ?? null, email: user.email ?? null };
}

/** The session's user; without one, a redirect to /login. */
export async function requireUser(): Promise<SignedInUser> {
  const user = await currentUser();
  if (!user) redirect("/login");
  return user;
}
