import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { clientAddressOf } from "../http/client-address";
import { clearSignInAttempts, throttleSignInAttempt, TOO_MANY_SIGN_INS } from "./sign-in-throttle";
import { authenticateUser } from "./users";

// next-auth v4: email + password (credentials) with JWT sessions. The user's id and role
// ride in the token so a request needs no database read to know who is asking.

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
      if (user) {
        token.uid = user.id;
        token.role = (user as { role?: string }).role ?? "USER";
      }
      return token;
    },
    async session({ session, token }) {
      if (session.user) {
        session.user.id = token.uid as string;
        session.user.role = (token.role as string) ?? "USER";
      }
      return session;
    },
  },
};
