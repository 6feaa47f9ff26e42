// GET /api/accounts – { accounts: [{ id, name, institution, type, currency, balance, openingBalance,
//   openingDate, lastStatement: { date, closingBalance, matches, difference } | null, … }] }
// POST /api/accounts { name, institution?, type?, currency?, openingBalance?, openingDate? } – 201 { account }; a duplicate name is 409
import { NextResponse } from "next/server";
import { createAccount, listAccounts } from "@/lib/accounts/accounts";
import { createAccountSchema } from "@/lib/accounts/account-schemas";
import { authedRoute, readJson } from "@/lib/http/handle-route";

export const GET = authedRoute(async ({ user }) => NextResponse.json(await listAccounts(user.id)));

export const POST = authedRoute(async ({ req, user }) => {
  const input = await readJson(req, createAccountSchema);
  return NextResponse.json(await createAccount(user.id, input), { status: 201 });
});
