import { z } from "zod";

// Request shapes for linking two transactions as one transfer.

export const linkTransferSchema = z.object({
  /** The other side of the transfer. */
  peerId: z.string().trim().min(1, "Pick the other side of the transfer").max(100),
  /** Link accounts of different currencies (the matching job never does). */
  allowCurrencyMismatch: z.boolean().optional(),
});

export type LinkTransferInput = z.infer<typeof linkTransferSchema>;
