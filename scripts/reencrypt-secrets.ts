// npm run secrets:reencrypt
//
// Encrypts every stored secret (webhook signing keys) under SECRETS_ENCRYPTION_KEY: rows still in
// plain text, and rows sealed under a key now in SECRETS_ENCRYPTION_OLD_KEYS (key rotation).
// `npm run db:migrate` runs the same step after its SQL. Safe to run again and while the app runs.

import { disconnectDb } from "../lib/db";
import { sealEndpointSecrets } from "../lib/webhooks/seal-endpoint-secrets";

async function main(): Promise<void> {
  const { sealed, checked } = await sealEndpointSecrets();
  console.log(`Webhook endpoint secrets: ${sealed} of ${checked} encrypted under the current key (the rest already were).`);
}

main()
  .catch((error: unknown) => {
    console.error(`secrets:reencrypt failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  })
  .finally(() => disconnectDb());
