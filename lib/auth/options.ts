import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { isDatabaseUnavailable } from "../db";
import { clientAddressOf } from "../http/client-address";
import { clearSignInAttempts, throttleSignInAttempt, TOO_MANY_SIGN_INS } from "./sign-in-throttle";
import { authenticateUser, findSessionUser } from "./users";

// next-auth v4: email + password (credentials) with JWT sessions. The token carries the user's
// id only; the role is read from the database each time the session is (findSessionUser), so
// revoking admin, or deleting an account, counts from the next request. While the database
// cannot be reached the session keeps the token's user (as a USER) and says `unavailable`: an
// API route answers 503 (authedRoute), a page shows its degraded state; before, the lookup's
// error made next-auth answer "no session" (a 401, a redirect to /login) and clear the
// session cookie on /api/auth/session, signing people out over a database blip.

const credentialsSchema = z.object({ email: z.string().email(), password: z.string().min(1) });

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 30 * 24 * 3600 },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const parsed = credentialsSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const { email, password } = parsed.data;
        const client = clientAddressOf(req?.headers);
        if (!(await throttleSignInAttempt(email, client))) throw new Error(TOO_MANY_SIGN_INS);
        const user = await authenticateUser(email, password);
        if (user) await clearSignInAttempts(email, client);
        return user;
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) token.uid = user.id;
      return token;
    },
    async session({ session, token }) {
      if (typeof token.uid !== "string") return { ...session, user: undefined };
      let current: Awaited<ReturnType<typeof findSessionUser>>;
      try {
        current = await findSessionUser(token.uid);
      } catch (err) {
        if (!isDatabaseUnavailable(err)) throw err;
        return { ...session, unavailable: true, user: { ...session.user, id: token.uid, role: "USER" } };
      }
      if (!current) return { ...session, user: undefined };
      return { ...session, user: { ...session.user, id: current.id, role: current.role } };
    },
  },
};
