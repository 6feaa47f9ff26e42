import { getServerSession } from "next-auth";
import { NextResponse, type NextRequest } from "next/server";
import { ZodError, type z } from "zod";
import { authOptions } from "../auth/options";
import { AppError } from "../errors";
import { log } from "../log";

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

export function authedRoute(handler: (args: RouteArgs & { user: RouteUser }) => Promise<Response>) {
  return publicRoute(async (args) => {
    const session = await getServerSession(authOptions);
    if (!session?.user?.id) throw new AppError("unauthorized", "Sign in to continue");
    return handler({ ...args, user: { id: session.user.id, role: session.user.role } });
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
