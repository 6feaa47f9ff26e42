// POST /api/transactions/review – accept or reject categorize suggestions in bulk (another category, a corrected payee)
import { NextResponse } from "next/server";
import { reviewSuggestions, reviewSuggestionsSchema } from "@/lib/categorize/review-suggestions";
import { authedRoute, readJson } from "@/lib/http/handle-route";

export const POST = authedRoute(
  async ({ req, user }) => NextResponse.json(await reviewSuggestions(user.id, await readJson(req, reviewSuggestionsSchema))),
  { rateLimit: "enqueue" },
);
