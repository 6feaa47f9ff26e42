// Security headers on every response. The CSP allows only this origin; Next's inline
// bootstrap scripts and React's style attributes need 'unsafe-inline' (nonces would make every
// page dynamic), and `next dev` also needs eval and its hot-reload socket. frame-ancestors
// 'none' (and X-Frame-Options for older browsers) keeps the app out of other sites' frames.
const isDev = process.env.NODE_ENV !== "production";
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  `connect-src 'self'${isDev ? " ws: wss:" : ""}`,
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].join("; ");

const securityHeaders = [
  { key: "Content-Security-Policy", value: contentSecurityPolicy },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
  // Bull forks lib/process/master.js by path, which the bundler cannot follow; keep it (and
  // the Postgres driver) as plain Node requires on the server.
  // pdf.js (an ES module loading its own worker file) and its native canvas are required at run
  // time by the receipt-ocr job only, never bundled.
  serverExternalPackages: ["bull", "pino", "pg", "@prisma/adapter-pg", "bcryptjs", "pdfjs-dist", "@napi-rs/canvas"],
  poweredByHeader: false,
  typedRoutes: false,
  devIndicators: false,
};

module.exports = nextConfig;
