// PATCH /api/categories/{id} – set a category's kind ({ kind: "expense" | "income" | "transfer" })
import { NextResponse } from "next/server";
import { z } from "zod";
import { setCategoryKind } from "@/lib/categories/user-categories";
import { authedRoute, readJson } from "@/lib/http/handle-route";

export const PATCH = authedRoute(async ({ req, user, params }) =>
  NextResponse.json({ category: await setCategoryKind(user.id, params.id, await readJson(req, z.record(z.string(), z.unknown()))) }),
);
