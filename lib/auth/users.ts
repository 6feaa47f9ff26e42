import { db } from "../db";
import { env } from "../env";
import { AppError } from "../errors";
import { Prisma } from "../generated/prisma/client";
import { hashPassword, verifyPassword } from "./password";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: "USER" | "ADMIN";
}

const normalizeEmail = (email: string) => email.trim().toLowerCase();

/** Emails listed in ADMIN_EMAILS are admins (they see every user's jobs and the queue monitor). */
const isAdminEmail = (email: string) => env().ADMIN_EMAILS.includes(normalizeEmail(email));

export async function registerUser(input: { email: string; password: string; name: string }): Promise<SessionUser> {
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await db().user.create({
      data: {
        email: normalizeEmail(input.email),
        name: input.name.trim(),
        passwordHash,
        role: isAdminEmail(input.email) ? "ADMIN" : "USER",
      },
      select: { id: true, email: true, name: true, role: true },
    });
    return user;
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      throw new AppError("conflict", "An account with this email already exists");
    }
    throw err;
  }
}

// Compared against when the email is unknown, so a miss costs as long as a wrong password
// and response times do not reveal which emails have accounts.
const DUMMY_HASH = "$2b$12$C6UzMDM.H6dfI/f/IKcEeO5tGq6mF5Ek0N1p4u8yq6h2M3x8PZ7yG";

export async function authenticateUser(email: string, password: string): Promise<SessionUser | null> {
  const user = await db().user.findUnique({ where: { email: normalizeEmail(email) } });
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok) return null;
  const role = user.role === "USER" && isAdminEmail(user.email) ? "ADMIN" : user.role;
  if (role !== user.role) await db().user.update({ where: { id: user.id }, data: { role } });
  return { id: user.id, email: user.email, name: user.name, role };
}
