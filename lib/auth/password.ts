import bcrypt from "bcryptjs";

// bcrypt with cost 12: about 250 ms per hash on this class of machine, the usual trade-off
// between a sign-in's latency and an offline attacker's cost.
const COST = 12;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}
