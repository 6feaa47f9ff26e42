// POST /api/jobs/categorize { kind, transactionIds?, limit? } – start a payee lookup or a classification
import { NextResponse } from "next/server";
import { z } from "zod";
import { startCategorize } from "@/lib/categorize/run-categorization";
import { authedRoute, readJson } from "@/lib/http/handle-route";

const bodySchema = z.object({
  kind: z.enum(["payee_lookup", "classification"]),
  transactionIds: z.array(z.string().min(1)).min(1).max(10_000).optional(),
  limit: z.number().int().min(1).max(10_000).optional(),
});

export const POST = authedRoute(
  async ({ req, user }) => NextResponse.json(await startCategorize(user.id, await readJson(req, bodySchema)), { status: 202 }),
  { rateLimit: "enqueue" },
);
