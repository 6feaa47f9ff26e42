// GET /api/forecast – the stored forecast, whether one is being computed, and why there is none
// POST /api/forecast { force? } – 200 { forecast, fresh: true } while the stored one is valid and
// the data unchanged; else 202 { jobId } (a low-priority forecast-compute job)
import { NextResponse } from "next/server";
import { z } from "zod";
import { getForecastStatus, requestForecast } from "@/lib/forecast/forecasts";
import { authedRoute, readJson } from "@/lib/http/handle-route";

const bodySchema = z.object({ force: z.boolean().optional() }).strict();

export const GET = authedRoute(async ({ user }) => NextResponse.json(await getForecastStatus(user.id)));

export const POST = authedRoute(
  async ({ req, user }) => {
    const body = req.body ? await readJson(req, bodySchema) : {};
    const outcome = await requestForecast(user.id, body);
    return outcome.kind === "fresh"
      ? NextResponse.json({ forecast: outcome.forecast, fresh: true })
      : NextResponse.json({ jobId: outcome.jobId }, { status: 202 });
  },
  { rateLimit: "enqueue" },
);
