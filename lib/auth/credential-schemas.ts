import { z } from "zod";

/**
 * bcrypt reads the first 72 bytes of a password and ignores the rest, so a longer one would
 * sign in with any suffix. Refused in words rather than pre-hashed: pre-hashing changes every
 * stored hash's meaning (a second hash format to tell apart), and 72 bytes is a long passphrase.
 */
export const PASSWORD_MAX_BYTES = 72;

export const registerSchema = z.object({
  email: z.string().trim().email("Enter a valid email address").max(254),
  password: z
    .string()
    .min(8, "Use at least 8 characters")
    .refine(
      (p) => new TextEncoder().encode(p).length <= PASSWORD_MAX_BYTES,
      `Use at most ${PASSWORD_MAX_BYTES} bytes (72 plain letters; accents and emoji take more)`,
    ),
  name: z.string().trim().min(1, "Tell us your name").max(100),
});
