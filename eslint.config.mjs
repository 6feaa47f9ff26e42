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
    // Prisma is called from lib/ domain modules only (CONVENTIONS.md).
    files: ["app/**/*.ts", "app/**/*.tsx", "components/**/*.tsx", "lib/jobs/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { paths: [{ name: "@/lib/db", message: "Call a lib/ domain module instead of Prisma." }], patterns: ["**/lib/db", "../db"] },
      ],
    },
  },
];

export default config;
