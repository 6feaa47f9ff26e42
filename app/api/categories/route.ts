// GET /api/categories – the user's categories with their kind (expense, income, transfer)
import { NextResponse } from "next/server";
import { listCategories } from "@/lib/categories/user-categories";
import { authedRoute } from "@/lib/http/handle-route";

export const GET = authedRoute(async ({ user }) => NextResponse.json({ categories: await listCategories(user.id) }));
