import { z } from "zod";

export const registerSchema = z.object({
  email: z.string().trim().email("Enter a valid email address").max(254),
  password: z.string().min(8, "Use at least 8 characters").max(200),
  name: z.string().trim().min(1, "Tell us your name").max(100),
});
