import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import { isIP, type BlockList, type LookupFunction } from "node:net";
import { mayConnectTo } from "./check-address";
import { SIGNATURE_HEADER, signPayload } from "./sign-payload";

// One signed POST to a user's endpoint, SSRF-safe: the host name is resolved by our own
// lookup, every address it resolves to must be allowed (check-address.ts), and the socket
// connects to the address that was checked: Node uses the lookup's answer for the connection,
// so there is no second resolution a rebinding DNS server could answer differently.
// Redirects are never followed (a 3xx is a failed delivery): a redirect is another URL the
// user did not give, and following it safely would need the same checks again.

export interface WebhookRequest {
  url: string;
  secret: string;
  body: string;
  /** Operator's allowance for inner networks (WEBHOOK_ALLOWED_CIDRS). */
  allowed: BlockList;
  timeoutMs: number;
  /** Unix seconds of the signature (default: now). */
  timestamp?: number;
  /** Overridable resolver (tests: names that resolve inward). */
  resolve?: (host: string) => Promise<LookupAddress[]>;
}

export type WebhookResponse =
  | { ok: true; status: number; durationMs: number }
  | { ok: false; status: number | null; durationMs: number; error: string; refused: boolean };

export class RefusedAddressError extends Error {
  constructor(readonly host: string, readonly address: string) {
    super(`refused: ${host} resolves to ${address}, an internal address`);
    this.name = "RefusedAddressError";
  }
}

const MAX_RESPONSE_BYTES = 64 * 1024;

const systemResolve = (host: string) =>
  new Promise<LookupAddress[]>((resolve, reject) =>
    dnsLookup(host, { all: true, verbatim: true }, (err, addresses) => (err ? reject(err) : resolve(addresses))),
  );

/** Thrown when a name's lookup takes longer than the caller can wait. */
export class LookupTimeoutError extends Error {
  constructor(host: string, ms: number) {
    super(`${host}: no DNS answer within ${ms} ms`);
  }
}

/**
 * The system resolver, given up on after `ms` (getaddrinfo cannot be cancelled: its answer is
 * ignored). Without a resolver that answers, a lookup waits for every nameserver's timeout.
 */
export function resolveWithin(ms: number, resolve: (host: string) => Promise<LookupAddress[]> = systemResolve) {
  return (host: string) =>
    new Promise<LookupAddress[]>((done, fail) => {
      const timer = setTimeout(() => fail(new LookupTimeoutError(host, ms)), ms);
      resolve(host).then(
        (addresses) => (clearTimeout(timer), done(addresses)),
        (err: unknown) => (clearTimeout(timer), fail(err)),
      );
    });
}

/** Resolves and checks every address; the first one is the one to connect to. */
export async function resolveAllowedAddresses(
  host: string,
  allowed: BlockList,
  resolve: (host: string) => Promise<LookupAddress[]> = systemResolve,
): Promise<LookupAddress[]> {
  const literal = isIP(host);
  const addresses = literal ? [{ address: host, family: literal }] : await resolve(host);
  if (addresses.length === 0) throw new Error(`${host} has no address`);
  for (const a of addresses) if (!mayConnectTo(a.address, allowed)) throw new RefusedAddressError(host, a.address);
  return addresses;
}

export async function sendWebhook(req: WebhookRequest): Promise<WebhookResponse> {
  const started = Date.now();
  const elapsed = () => Date.now() - started;
  let url: URL;
  try {
    url = new URL(req.url);
  } catch {
    return { ok: false, status: null, durationMs: 0, error: "not a valid URL", refused: true };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return { ok: false, status: null, durationMs: 0, error: "only http and https URLs", refused: true };
  }
  const host = url.hostname.replace(/^\[|\]$/g, "");

  let addresses: LookupAddress[];
  try {
    addresses = await resolveAllowedAddresses(host, req.allowed, req.resolve);
  } catch (err) {
    const refused = err instanceof RefusedAddressError;
    return { ok: false, status: null, durationMs: elapsed(), error: refused ? err.message : `DNS: ${(err as Error).message}`, refused };
  }
  const pinned = addresses[0];
  const pinnedLookup: LookupFunction = (_hostname, options, callback) => {
    if ((options as { all?: boolean }).all) (callback as (e: null, a: LookupAddress[]) => void)(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  };

  const timestamp = req.timestamp ?? Math.floor(Date.now() / 1000);
  const transport = url.protocol === "https:" ? https : http;
  return new Promise<WebhookResponse>((resolve) => {
    const request = transport.request(
      url,
      {
        method: "POST",
        // An IP literal is connected to directly (Node skips the lookup); it was checked above.
        lookup: pinnedLookup,
        // SNI and the certificate check use the URL's name, not the pinned address.
        servername: isIP(host) ? undefined : host,
        timeout: req.timeoutMs,
        headers: {
          "content-type": "application/json",
          "user-agent": "Tallyboard-Webhooks/1",
          [SIGNATURE_HEADER]: signPayload(req.secret, timestamp, req.body),
          "content-length": Buffer.byteLength(req.body),
        },
      },
      (res) => {
        let seen = 0;
        // Read (and drop) a bounded amount so the connection closes cleanly.
        res.on("data", (chunk: Buffer) => {
          seen += chunk.length;
          if (seen > MAX_RESPONSE_BYTES) res.destroy();
        });
        const settle = () => {
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) resolve({ ok: true, status, durationMs: elapsed() });
          else if (status >= 300 && status < 400) {
            resolve({ ok: false, status, durationMs: elapsed(), error: `redirect refused (to ${res.headers.location ?? "nowhere"})`, refused: false });
          } else resolve({ ok: false, status, durationMs: elapsed(), error: `HTTP ${status}`, refused: false });
        };
        res.on("end", settle);
        res.on("close", settle);
        res.on("error", settle);
      },
    );
    request.on("timeout", () => request.destroy(new Error(`no answer within ${req.timeoutMs} ms`)));
    request.on("error", (err) => resolve({ ok: false, status: null, durationMs: elapsed(), error: err.message, refused: false }));
    request.end(req.body);
  });
}
