/** Only same-origin paths may be used as a post-login destination ("/x", never "//host" or "http:"). */
export function safeCallbackPath(value: string | string[] | undefined, fallback = "/dashboard"): string {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw) return fallback;
  let path = raw;
  try {
    // next-auth sends absolute URLs (http://host/dashboard); keep only the path part.
    if (/^https?:\/\//i.test(raw)) {
      const url = new URL(raw);
      path = `${url.pathname}${url.search}${url.hash}`;
    }
  } catch {
    return fallback;
  }
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return fallback;
  if (path === "/" || path.startsWith("/login") || path.startsWith("/register") || path.startsWith("/api/")) return fallback;
  return path;
}
