import { describe, expect, it } from "vitest";
import { registerSchema } from "./credential-schemas";

const account = (password: string) => ({ email: "a@example.test", name: "A", password });

describe("registration password", () => {
  // Issue 11: bcrypt reads 72 bytes, so a 200-character password signed in with any suffix.
  it("is refused in words past 72 bytes, counting bytes rather than characters", () => {
    expect(registerSchema.safeParse(account("p".repeat(72))).success).toBe(true);
    const tooLong = registerSchema.safeParse(account("p".repeat(73)));
    expect(tooLong.error?.issues[0]).toMatchObject({ path: ["password"], message: expect.stringMatching(/at most 72 bytes/) });
    // 36 two-byte letters are 72 bytes; one more is 74.
    expect(registerSchema.safeParse(account("é".repeat(36))).success).toBe(true);
    expect(registerSchema.safeParse(account("é".repeat(37))).success).toBe(false);
  });
});
