import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: ["node_modules/**", ".next/**", "dist/**", ".data/**", "lib/generated/**", "next-env.d.ts", "playwright-report/**", "test-results/**"],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Prisma writes `_min`/`_max` as MIN()/MAX() over a subquery with OFFSET, which Postgres
    // cannot answer from an index: it reads every one of the user's rows (the dashboard's
    // forecast status spent 360–620 ms so at 1,000,000 transactions). Ask for the first row.
    files: ["app/**/*.ts", "lib/**/*.ts", "scripts/**/*.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.property.name='aggregate'] Property[key.name=/^_(min|max)$/]",
          message: "Prisma's _min/_max scan every matching row: use findFirst with orderBy on an indexed column instead.",
        },
      ],
    },
  },
  {
    // Prisma is called from lib/ domain modules only (CONVENTIONS.md).
    files: ["app/**/*.ts", "app/**/*.tsx", "components/**/*.tsx", "lib/jobs/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { paths: [{ name: "@/lib/db", message: "Call a lib/ domain module instead of Prisma." }], patterns: ["**/lib/db", "../db"] },
      ],
    },
  },
  {
    // The queue layer is machinery: it receives job definitions and hooks, and imports only
    // the process's infrastructure (docs/architecture.md, "What may import what").
    files: ["lib/queue/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["../*", "!../db", "!../env", "!../log", "!../errors", "!../redis", "!../http", "../http/*", "!../http/page-cursor", "!../generated", "../generated/*", "!../generated/prisma", "!../generated/prisma/*"],
              message: "lib/queue knows no job type and no domain: pass definitions and hooks down from lib/worker/ instead.",
            },
            { group: ["@/*"], message: "lib/ uses relative imports (the worker compiles with plain tsc)." },
          ],
        },
      ],
    },
  },
];

export default config;
