import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";

// The dashboard's guard (Next 16's proxy, formerly middleware): a request without a valid
// session token goes to /login, with the page it wanted as the callback. Pages still read the
// session through requireUser() (lib/auth/require-user.ts); API routes answer 401 through
// their wrapper (lib/http/handle-route.ts) instead of a redirect.

export async function proxy(req: NextRequest) {
  // No secret configured (sign-in cannot work then either) reads as no session.
  const token = await getToken({ req, secret: process.env.NEXTAUTH_SECRET }).catch(() => null);
  if (token) return NextResponse.next();
  const login = new URL("/login", req.url);
  login.searchParams.set("callbackUrl", `${req.nextUrl.pathname}${req.nextUrl.search}`);
  return NextResponse.redirect(login);
}

export const config = { matcher: ["/dashboard/:path*"] };
