/** @type {import('next').NextConfig} */
const nextConfig = {
  // Bull forks lib/process/master.js by path, which the bundler cannot follow; keep it (and
  // the Postgres driver) as plain Node requires on the server.
  serverExternalPackages: ["bull", "pino", "pg", "@prisma/adapter-pg", "bcryptjs"],
  poweredByHeader: false,
  typedRoutes: false,
  devIndicators: false,
};

module.exports = nextConfig;
