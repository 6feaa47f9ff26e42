// GET /api/accounts – { accounts: [{ id, name, institution }] }
// POST /api/accounts { name, institution? } – 201 { account }; a duplicate name is 409
import { NextResponse } from "next/server";
import { authedRoute, readJson } from "@/lib/http/handle-route";
import { createAccount, listAccounts } from "@/lib/imports/accounts";
import { createAccountSchema } from "@/lib/imports/import-schemas";

export const GET = authedRoute(async ({ user }) => NextResponse.json(await listAccounts(user.id)));

export const POST = authedRoute(async ({ req, user }) => {
  const input = await readJson(req, createAccountSchema);
  return NextResponse.json(await createAccount(user.id, input), { status: 201 });
});
