// npm run admin -- grant EMAIL | revoke EMAIL | list
//
// Who is admin (every user's jobs and logs, the queue monitor) is the operator's decision,
// made here against the database in DATABASE_URL: never by registering an address. A grant
// or revoke counts from the person's next request. When ADMIN_EMAILS is set, only the emails
// it lists may be granted, and an admin it does not list acts as a user.

import { listAdmins, setAdmin } from "../lib/auth/users";
import { disconnectDb } from "../lib/db";

const USAGE = "Usage: npm run admin -- grant EMAIL | revoke EMAIL | list";

async function main(args: string[]): Promise<number> {
  const [command, email] = args;
  if (command === "list" && args.length === 1) {
    const admins = await listAdmins();
    if (admins.length === 0) console.log("No admins.");
    for (const a of admins) console.log(a.active ? a.email : `${a.email} (not in ADMIN_EMAILS: acts as a user)`);
    return 0;
  }
  if ((command === "grant" || command === "revoke") && email && args.length === 2) {
    const user = await setAdmin(email, command === "grant");
    console.log(`${user.email} is now ${user.role === "ADMIN" ? "an admin" : "a user"}.`);
    return 0;
  }
  console.error(USAGE);
  return 2;
}

main(process.argv.slice(2))
  .then((code) => (process.exitCode = code))
  .catch((error: unknown) => {
    console.error(`admin: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  })
  .finally(() => disconnectDb());
