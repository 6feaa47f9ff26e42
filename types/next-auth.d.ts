import "next-auth";

declare module "next-auth" {
  interface Session {
    user?: { id: string; role: string; name?: string | null; email?: string | null; image?: string | null };
    /** The database could not be reached to check the user: their id comes from the token alone. */
    unavailable?: boolean;
  }
}
