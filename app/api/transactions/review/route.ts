// GET /api/transactions/review – the categorize suggestions waiting for the user, and their categories
// POST /api/transactions/review – accept or reject them in bulk (another category, a corrected payee)
import { NextResponse } from "next/server";
import { listSuggestionsToReview, reviewSuggestions, reviewSuggestionsSchema } from "@/lib/categorize/review-suggestions";
import { authedRoute, readJson } from "@/lib/http/handle-route";

export const GET = authedRoute(async ({ user }) => NextResponse.json(await listSuggestionsToReview(user.id)));

export const POST = authedRoute(
  async ({ req, user }) => NextResponse.json(await reviewSuggestions(user.id, await readJson(req, reviewSuggestionsSchema))),
  { rateLimit: "enqueue" },
);
