import { getServerSession } from "next-auth";
import { NextResponse, type NextRequest } from "next/server";
import { ZodError, type z } from "zod";
import { authOptions } from "../auth/options";
import { isDatabaseUnavailable } from "../db";
import { AppError } from "../errors";
import { env } from "../env";
import { log } from "../log";
import { hitRateLimit } from "./rate-limit";

// Every route handler goes through one of these wrappers: they own authentication and the
// mapping of errors to HTTP. A client never sees a stack trace.

export interface RouteUser {
  id: string;
  role: string;
}

interface RouteArgs {
  req: NextRequest;
  params: Record<string, string>;
}

type RouteContext = { params: Promise<Record<string, string | string[]>> };

export function errorResponse(err: unknown): NextResponse {
  if (err instanceof ZodError) {
    const fields: Record<string, string[]> = {};
    for (const issue of err.issues) {
      const key = issue.path.join(".") || "_";
      (fields[key] ??= []).push(issue.message);
    }
    return NextResponse.json({ error: "validation_failed", message: "The request is not valid", fields }, { status: 422 });
  }
  if (err instanceof AppError) {
    return NextResponse.json({ error: err.code, message: err.message, ...err.details }, { status: err.status });
  }
  if (isDatabaseUnavailable(err)) {
    // The database is restarting or unreachable: say so, and when to try again, not "500".
    log.warn({ err: (err as Error).message }, "database unavailable in route");
    return NextResponse.json(
      { error: "unavailable", message: "The database is not reachable right now. Try again in a few seconds." },
      { status: 503, headers: { "retry-after": "5" } },
    );
  }
  log.error({ err }, "unhandled error in route");
  return NextResponse.json({ error: "internal", message: "Something went wrong on our side" }, { status: 500 });
}

async function resolveParams(ctx?: RouteContext): Promise<Record<string, string>> {
  const raw = ctx?.params ? await ctx.params : {};
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v.join("/") : v]));
}

export function publicRoute(handler: (args: RouteArgs) => Promise<Response>) {
  return async (req: NextRequest, ctx?: RouteContext): Promise<Response> => {
    try {
      return await handler({ req, params: await resolveParams(ctx) });
    } catch (err) {
      return errorResponse(err);
    }
  };
}

export interface AuthedRouteOptions {
  /**
   * Rate-limit this route per user (RATE_LIMIT_PER_MINUTE, shared by every instance). Set on
   * every route that enqueues work; routes sharing a name share the budget.
   */
  rateLimit?: string;
  /** Only admins (others get 404, as for anything they cannot see). */
  adminOnly?: boolean;
}

export function authedRoute(handler: (args: RouteArgs & { user: RouteUser }) => Promise<Response>, options: AuthedRouteOptions = {}) {
  return publicRoute(async (args) => {
    const session = await getServerSession(authOptions);
    if (!session?.user?.id) throw new AppError("unauthorized", "Sign in to continue");
    const user = { id: session.user.id, role: session.user.role };
    if (options.adminOnly && user.role !== "ADMIN") throw new AppError("not_found", "Not found");
    if (options.rateLimit) {
      const limit = await hitRateLimit(options.rateLimit, user.id, env().RATE_LIMIT_PER_MINUTE);
      if (!limit.allowed) {
        const seconds = Math.max(1, Math.ceil(limit.retryAfterMs / 1000));
        return NextResponse.json(
          { error: "rate_limited", message: `Too many requests; try again in ${seconds} s` },
          { status: 429, headers: { "Retry-After": String(seconds) } },
        );
      }
    }
    return handler({ ...args, user });
  });
}

/** Parses a JSON body with a zod schema: bad JSON is 400, a wrong shape is 422. */
export async function readJson<S extends z.ZodType>(req: NextRequest, schema: S): Promise<z.infer<S>> {
  let body: unknown;
  try {
    body = await req.json();
  } catch {
    throw new AppError("bad_request", "The request body must be JSON");
  }
  return schema.parse(body);
}
