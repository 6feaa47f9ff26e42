import { describe, expect, it } from "vitest";
import { embeddedIpv4, isInnerAddress, mayConnectTo, parseAllowedCidrs } from "./check-address";

const NONE = parseAllowedCidrs([]);

describe("isInnerAddress", () => {
  it.each(["127.0.0.1", "127.8.9.10", "10.0.0.1", "172.16.5.4", "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255"])(
    "refuses the IPv4 address %s",
    (ip) => expect(isInnerAddress(ip)).toBe(true),
  );

  it.each(["::1", "::", "fe80::1", "fc00::1", "fd00:ec2::254", "ff02::1"])("refuses the IPv6 address %s", (ip) =>
    expect(isInnerAddress(ip)).toBe(true),
  );

  it.each(["::ffff:127.0.0.1", "::ffff:7f00:1", "::ffff:169.254.169.254", "::ffff:a9fe:a9fe", "64:ff9b::a00:1", "2002:c0a8:101::1", "::127.0.0.1"])(
    "refuses %s, which carries an inner IPv4 address",
    (ip) => expect(isInnerAddress(ip)).toBe(true),
  );

  it.each(["93.184.216.34", "8.8.8.8", "172.32.0.1", "2606:4700:4700::1111", "::ffff:93.184.216.34"])("lets the public address %s through", (ip) =>
    expect(isInnerAddress(ip)).toBe(false),
  );

  it("refuses what is not an IP address at all", () => {
    expect(isInnerAddress("localhost")).toBe(true);
  });
});

describe("embeddedIpv4", () => {
  it("reads the IPv4 address in mapped, NAT64 and 6to4 forms", () => {
    expect(embeddedIpv4("::ffff:7f00:1")).toBe("127.0.0.1");
    expect(embeddedIpv4("64:ff9b::c0a8:101")).toBe("192.168.1.1");
    expect(embeddedIpv4("2002:0a00:0001::")).toBe("10.0.0.1");
    expect(embeddedIpv4("2606:4700::1111")).toBeNull();
  });
});

describe("mayConnectTo", () => {
  it("lets an inner address through only inside the operator's allowed CIDRs", () => {
    const allowed = parseAllowedCidrs(["127.0.0.1/32", "fd12::/16"]);
    expect(mayConnectTo("127.0.0.1", allowed)).toBe(true);
    expect(mayConnectTo("127.0.0.2", allowed)).toBe(false);
    expect(mayConnectTo("fd12::5", allowed)).toBe(true);
    expect(mayConnectTo("::1", allowed)).toBe(false);
    expect(mayConnectTo("127.0.0.1", NONE)).toBe(false);
    expect(mayConnectTo("8.8.8.8", NONE)).toBe(true);
  });

  it("rejects a malformed allowance", () => {
    expect(() => parseAllowedCidrs(["10.0.0.0/33"])).toThrow(/prefix/);
    expect(() => parseAllowedCidrs(["intranet"])).toThrow(/not an address/);
  });
});
