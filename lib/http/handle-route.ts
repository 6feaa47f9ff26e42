import { getServerSession } from "next-auth";
import { NextResponse, type NextRequest } from "next/server";
import { ZodError, type z } from "zod";
import { authOptions } from "../auth/options";
import { isDatabaseUnavailable } from "../db";
import { AppError } from "../errors";
import { env } from "../env";
import { Prisma } from "../generated/prisma/client";
import { log } from "../log";
import { clientAddressOf } from "./client-address";
import { hitRateLimit, type RateLimitResult } from "./rate-limit";
import { findUnsafeJson, hasNul, mediaTypeOf, NUL_MESSAGE, readBodyBytes, unsupportedMediaType } from "./read-body";

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

// Prisma's answers to a database that is busy, not to a wrong request: no connection free
// within maxWait or a transaction timed out (P2028), the pool's timeout (P2024), a write
// conflict or deadlock (P2034). Many requests changing one user's data at once queue on that
// user's row; the client should retry, so a 503 with Retry-After, never a 500.
const BUSY_CODES = new Set(["P2024", "P2028", "P2034"]);
// The same conflicts met by a raw statement ($queryRaw: P2010 carries Postgres's own code):
// a deadlock (40P01) or a serialization failure (40001) is the busy database too.
const BUSY_SQLSTATES = new Set(["40P01", "40001"]);

function isDatabaseBusy(err: unknown): err is Prisma.PrismaClientKnownRequestError {
  if (!(err instanceof Prisma.PrismaClientKnownRequestError)) return false;
  if (BUSY_CODES.has(err.code)) return true;
  if (err.code !== "P2010") return false;
  const cause = (err.meta as { driverAdapterError?: { cause?: { originalCode?: unknown } } } | undefined)?.driverAdapterError?.cause;
  const sqlState = cause?.originalCode ?? /Code: `(\w+)`/.exec(err.message)?.[1];
  return typeof sqlState === "string" && BUSY_SQLSTATES.has(sqlState);
}

function databaseUnavailableResponse(): NextResponse {
  return NextResponse.json(
    { error: "unavailable", message: "The database is not reachable right now. Try again in a few seconds." },
    { status: 503, headers: { "retry-after": "5" } },
  );
}

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
    return databaseUnavailableResponse();
  }
  if (isDatabaseBusy(err)) {
    log.warn({ code: err.code }, "database busy; answered 503");
    return NextResponse.json(
      { error: "unavailable", message: "The server is busy; try again in a moment" },
      { status: 503, headers: { "Retry-After": "1" } },
    );
  }
  log.error({ err }, "unhandled error in route");
  return NextResponse.json({ error: "internal", message: "Something went wrong on our side" }, { status: 500 });
}

async function resolveParams(ctx?: RouteContext): Promise<Record<string, string>> {
  const raw = ctx?.params ? await ctx.params : {};
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v.join("/") : v]));
}

function rateLimitedResponse(limit: RateLimitResult): NextResponse {
  const seconds = Math.max(1, Math.ceil(limit.retryAfterMs / 1000));
  return NextResponse.json(
    { error: "rate_limited", message: `Too many requests; try again in ${seconds} s` },
    { status: 429, headers: { "Retry-After": String(seconds) } },
  );
}

/** A NUL can reach Postgres through a path id or a query value; nothing we serve has one. */
function assertNoNulInAddress(req: NextRequest, params: Record<string, string>): void {
  const values = [...Object.values(params), ...req.nextUrl.searchParams.values(), ...req.nextUrl.searchParams.keys()];
  if (values.some(hasNul)) throw new AppError("bad_request", `The address ${NUL_MESSAGE}`);
}

export interface PublicRouteOptions {
  /**
   * Requests per client address (lib/http/client-address.ts) and window, e.g. account creation.
   * Past the limit, an address a trusted proxy vouches for is refused (429); one the client
   * claims is only slowed by slowdownMs, since anyone can claim it (or share "no address").
   */
  addressRateLimit?: { action: string; limit: () => number; windowMs: number; slowdownMs: () => number };
}

export function publicRoute(handler: (args: RouteArgs) => Promise<Response>, options: PublicRouteOptions = {}) {
  return async (req: NextRequest, ctx?: RouteContext): Promise<Response> => {
    try {
      const params = await resolveParams(ctx);
      assertNoNulInAddress(req, params);
      if (options.addressRateLimit) {
        const { action, limit, windowMs, slowdownMs } = options.addressRateLimit;
        const { address, trusted } = clientAddressOf(req.headers);
        const result = await hitRateLimit(action, `${trusted ? "" : "claimed:"}${address}`, limit(), windowMs);
        if (!result.allowed) {
          if (trusted) return rateLimitedResponse(result);
          await new Promise((resolve) => setTimeout(resolve, slowdownMs()));
        }
      }
      return await handler({ req, params });
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
    // The user could not be checked (the database is down): not a 401, which signs people out.
    if (session?.unavailable) return databaseUnavailableResponse();
    if (!session?.user?.id) throw new AppError("unauthorized", "Sign in to continue");
    const user = { id: session.user.id, role: session.user.role };
    if (options.adminOnly && user.role !== "ADMIN") throw new AppError("not_found", "Not found");
    if (options.rateLimit) {
      const limit = await hitRateLimit(options.rateLimit, user.id, env().RATE_LIMIT_PER_MINUTE);
      if (!limit.allowed) return rateLimitedResponse(limit);
    }
    return handler({ ...args, user });
  });
}

/** Counts extra hits against a route's per-user limit (an upload by its size); 429 past it. */
export async function chargeRateLimit(action: string, user: RouteUser, cost: number): Promise<void> {
  if (cost <= 0) return;
  const limit = await hitRateLimit(action, user.id, env().RATE_LIMIT_PER_MINUTE, 60_000, cost);
  if (!limit.allowed) {
    const seconds = Math.max(1, Math.ceil(limit.retryAfterMs / 1000));
    throw new AppError("rate_limited", `Too many requests for their size; try again in ${seconds} s`);
  }
}

/**
 * Parses a JSON body with a zod schema: another media type is 415 (a cross-site form cannot
 * send application/json), more than JSON_BODY_MAX_BYTES is 413, bad JSON is 400, a NUL or
 * deep nesting or a wrong shape is 422.
 */
export async function readJson<S extends z.ZodType>(req: NextRequest, schema: S): Promise<z.infer<S>> {
  const type = mediaTypeOf(req);
  if (type !== "application/json" && !type.endsWith("+json")) throw unsupportedMediaType("application/json");
  const bytes = await readBodyBytes(req, env().JSON_BODY_MAX_BYTES);
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new AppError("bad_request", "The request body must be JSON");
  }
  const unsafe = findUnsafeJson(body);
  if (unsafe) {
    throw new AppError("validation_failed", "The request is not valid", { fields: { [unsafe.path]: [`This value ${unsafe.message}`] } });
  }
  return schema.parse(body);
}

/**
 * Parses a multipart/form-data body of at most maxBytes (415 for another media type, the
 * caller's 413 past the limit); a NUL in a field or a file name is 422.
 */
export async function readForm(req: NextRequest, maxBytes: number, tooLarge: () => AppError): Promise<FormData> {
  const contentType = req.headers.get("content-type") ?? "";
  if (mediaTypeOf(req) !== "multipart/form-data") throw unsupportedMediaType("multipart/form-data");
  const bytes = await readBodyBytes(req, maxBytes, tooLarge);
  let form: FormData;
  try {
    form = await new Response(bytes, { headers: { "content-type": contentType } }).formData();
  } catch {
    throw new AppError("bad_request", "Send the form as multipart/form-data");
  }
  for (const [name, value] of form.entries()) {
    const text = typeof value === "string" ? value : value.name;
    if (hasNul(name) || hasNul(text)) {
      throw new AppError("validation_failed", "The request is not valid", { fields: { [name.replace(/\u0000/g, "")]: [`This value ${NUL_MESSAGE}`] } });
    }
  }
  return form;
}
