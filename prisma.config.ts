import { defineConfig } from "prisma/config";

// The Prisma CLI reads this file. DATABASE_URL may be unset (fresh clone, `prisma generate`
// in CI): fall back to the local default rather than throwing.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: {
    url: process.env.DATABASE_URL ?? "postgresql://postgres:postgres@127.0.0.1:5432/postgres",
  },
});
