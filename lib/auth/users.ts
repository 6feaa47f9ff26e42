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

/**
 * Admin is granted by an operator (`npm run admin -- grant EMAIL`), never by registering: the
 * first person to register an address is not necessarily its owner. ADMIN_EMAILS, when set,
 * is a ceiling: an admin whose email it does not list acts as a user.
 */
export const mayBeAdmin = (email: string) => env().ADMIN_EMAILS.length === 0 || env().ADMIN_EMAILS.includes(normalizeEmail(email));

export async function registerUser(input: { email: string; password: string; name: string }): Promise<SessionUser> {
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await db().user.create({
      data: {
        email: normalizeEmail(input.email),
        name: input.name.trim(),
        passwordHash,
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
  return { id: user.id, email: user.email, name: user.name, role: user.role === "ADMIN" && mayBeAdmin(user.email) ? "ADMIN" : "USER" };
}

/**
 * The signed-in user as the database has them now: a session's token lives 30 days, a role
 * granted or revoked (or an account deleted) counts from the next request. Null when gone.
 */
export async function findSessionUser(id: string): Promise<{ id: string; role: "USER" | "ADMIN" } | null> {
  const user = await db().user.findUnique({ where: { id }, select: { id: true, email: true, role: true } });
  if (!user) return null;
  return { id: user.id, role: user.role === "ADMIN" && mayBeAdmin(user.email) ? "ADMIN" : "USER" };
}

/** The operator's `npm run admin` commands. */
export async function setAdmin(email: string, admin: boolean): Promise<{ email: string; role: "USER" | "ADMIN" }> {
  const address = normalizeEmail(email);
  if (admin && !mayBeAdmin(address)) throw new AppError("forbidden", `${address} is not listed in ADMIN_EMAILS, which limits who may be admin`);
  const user = await db().user.findUnique({ where: { email: address }, select: { id: true } });
  if (!user) throw new AppError("not_found", `No account with the email ${address}`);
  return db().user.update({ where: { id: user.id }, data: { role: admin ? "ADMIN" : "USER" }, select: { email: true, role: true } });
}

export async function listAdmins(): Promise<{ email: string; active: boolean }[]> {
  const rows = await db().user.findMany({ where: { role: "ADMIN" }, select: { email: true }, orderBy: { email: "asc" } });
  return rows.map((r) => ({ email: r.email, active: mayBeAdmin(r.email) }));
}
