// GET /api/accounts/{id} – { account }
// PATCH /api/accounts/{id} { name?, institution?, type?, currency?, openingBalance?, openingDate?, archived? } – { account }
import { NextResponse } from "next/server";
import { getAccount, updateAccount } from "@/lib/accounts/accounts";
import { updateAccountSchema } from "@/lib/accounts/account-schemas";
import { authedRoute, readJson } from "@/lib/http/handle-route";

export const GET = authedRoute(async ({ user, params }) => NextResponse.json(await getAccount(user.id, params.id)));

export const PATCH = authedRoute(async ({ req, user, params }) => {
  const input = await readJson(req, updateAccountSchema);
  return NextResponse.json(await updateAccount(user.id, params.id, input));
});
