import { env } from "../env";

// The client's address, for limits keyed on it. Only a proxy we run can vouch for it: any
// client may send X-Forwarded-For, so its entries count only as far as TRUSTED_PROXY_HOPS
// proxies appended them (the rightmost ones), and Vercel's x-real-ip only on Vercel, which
// sets it itself. Anything else is the client's word: usable to tell clients apart, never to
// refuse someone (a forger could share the owner's "address").

export interface ClientAddress {
  address: string;
  /** Set by a proxy we trust, so a limit keyed on it may refuse. */
  trusted: boolean;
}

type HeaderBag = Headers | Record<string, unknown> | undefined;

function header(headers: HeaderBag, name: string): string | undefined {
  if (!headers) return undefined;
  const value = headers instanceof Headers ? headers.get(name) : headers[name];
  const text = (Array.isArray(value) ? value.join(",") : value)?.toString().trim();
  return text || undefined;
}

export function clientAddressOf(headers: HeaderBag): ClientAddress {
  const { TRUSTED_PROXY_HOPS: hops, VERCEL } = env();
  const forwarded = (header(headers, "x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  // Each trusted proxy appends the address it saw; the one the outermost proxy appended is the client.
  if (hops > 0 && forwarded.length >= hops) return { address: forwarded[forwarded.length - hops], trusted: true };
  const realIp = header(headers, "x-real-ip");
  if (VERCEL === "1" && realIp) return { address: realIp, trusted: true };
  return { address: forwarded[0] ?? realIp ?? "unknown", trusted: false };
}
