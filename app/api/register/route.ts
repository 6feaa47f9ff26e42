// POST /api/register – create an account (email, password, name)
import { NextResponse } from "next/server";
import { registerSchema } from "@/lib/auth/credential-schemas";
import { registerUser } from "@/lib/auth/users";
import { publicRoute, readJson } from "@/lib/http/handle-route";

export const POST = publicRoute(async ({ req }) => {
  const input = await readJson(req, registerSchema);
  const user = await registerUser(input);
  return NextResponse.json({ user: { id: user.id, email: user.email, name: user.name } }, { status: 201 });
});
