import { BlockList, isIP } from "node:net";

// Which IP addresses a webhook may reach. A user's URL is a request the server makes on their
// behalf: without this check it could read the cloud metadata service, the database or any
// other service on the server's own network (SSRF). Every address a name resolves to is
// checked, not only the first, and the connection then goes to the address that was checked
// (see send-webhook.ts), so a second DNS answer cannot swap in an inner one.

const INNER = new BlockList();
// IPv4: "this" network, private, carrier-grade NAT, loopback, link-local (the cloud metadata
// service 169.254.169.254 among them), IETF protocol assignments, TEST-NETs, benchmarking,
// multicast, reserved and broadcast.
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  INNER.addSubnet(net, prefix, "ipv4");
}
// IPv6: unspecified, loopback, unique local (fd00:ec2::254, AWS's IPv6 metadata address, is
// one), link-local, site-local, multicast, documentation, discard.
for (const [net, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["fec0::", 10],
  ["ff00::", 8],
  ["2001:db8::", 32],
  ["100::", 64],
] as const) {
  INNER.addSubnet(net, prefix, "ipv6");
}

/** The IPv4 address an IPv6 one carries: v4-mapped (::ffff:a.b.c.d), v4-compatible, NAT64 (64:ff9b::/96), 6to4 (2002::/16). */
export function embeddedIpv4(address: string): string | null {
  const groups = expandIpv6(address);
  if (!groups) return null;
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  const zeros = (from: number, to: number) => groups.slice(from, to).every((g) => g === 0);
  if (zeros(0, 5) && (groups[5] === 0xffff || groups[5] === 0)) return v4(groups[6], groups[7]);
  if (groups[0] === 0x64 && groups[1] === 0xff9b && zeros(2, 6)) return v4(groups[6], groups[7]);
  if (groups[0] === 0x2002) return v4(groups[1], groups[2]);
  return null;
}

/** Eight 16-bit groups, or null when it is not an IPv6 address. */
function expandIpv6(address: string): number[] | null {
  if (isIP(address) !== 6) return null;
  let text = address.split("%")[0].toLowerCase();
  // A dotted IPv4 tail (::ffff:127.0.0.1) becomes two groups.
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number);
    text = text.slice(0, dotted.index) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split("::");
  const parse = (part: string | undefined) => (part ? part.split(":").map((g) => parseInt(g, 16)) : []);
  const left = parse(head);
  const right = parse(tail);
  const fill = tail === undefined ? [] : new Array(8 - left.length - right.length).fill(0);
  return [...left, ...fill, ...right];
}

/** True for an address no webhook may reach (unless the operator allowed it). */
export function isInnerAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return INNER.check(address, "ipv4");
  if (family !== 6) return true; // Not an IP address at all: never connect to it.
  const v4 = embeddedIpv4(address);
  if (v4 !== null && INNER.check(v4, "ipv4")) return true;
  return INNER.check(address, "ipv6");
}

/** The operator's allowance (WEBHOOK_ALLOWED_CIDRS): inner networks webhooks may reach anyway. */
export function parseAllowedCidrs(list: readonly string[]): BlockList {
  const allowed = new BlockList();
  for (const entry of list) {
    const [net, bits] = entry.split("/");
    const family = isIP(net);
    if (!family) throw new Error(`WEBHOOK_ALLOWED_CIDRS: "${entry}" is not an address or CIDR`);
    const type = family === 4 ? "ipv4" : "ipv6";
    const prefix = bits === undefined ? (family === 4 ? 32 : 128) : Number(bits);
    if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 4 ? 32 : 128)) {
      throw new Error(`WEBHOOK_ALLOWED_CIDRS: "${entry}" has a bad prefix length`);
    }
    allowed.addSubnet(net, prefix, type);
  }
  return allowed;
}

/** Whether a delivery may connect to this address. */
export function mayConnectTo(address: string, allowed: BlockList): boolean {
  if (!isInnerAddress(address)) return true;
  const family = isIP(address);
  if (family === 0) return false;
  return allowed.check(address, family === 4 ? "ipv4" : "ipv6");
}
