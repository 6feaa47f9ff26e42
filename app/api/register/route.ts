// POST /api/register – create an account (email, password, name); REGISTER_LIMIT_PER_HOUR per
// address (refused past it when a trusted proxy vouches for the address, else slowed)
import { NextResponse } from "next/server";
import { registerSchema } from "@/lib/auth/credential-schemas";
import { registerUser } from "@/lib/auth/users";
import { env } from "@/lib/env";
import { publicRoute, readJson } from "@/lib/http/handle-route";

export const POST = publicRoute(
  async ({ req }) => {
    const input = await readJson(req, registerSchema);
    const user = await registerUser(input);
    return NextResponse.json({ user: { id: user.id, email: user.email, name: user.name } }, { status: 201 });
  },
  {
    addressRateLimit: {
      action: "register",
      limit: () => env().REGISTER_LIMIT_PER_HOUR,
      windowMs: 3600_000,
      slowdownMs: () => env().REGISTER_SLOWDOWN_MS,
    },
  },
);
