// Lists file base names and exported function / constant names that occur more than once in
// app/, lib/, components/ and scripts/ (CONVENTIONS.md: unique file and export names). Next's
// own file names (page.tsx, route.ts, …) and what they export, and barrel index.ts files, are
// exempt. Exits 1 when it
// finds any, so it can run in CI:  npx tsx scripts/find-duplicate-names.ts

import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(__dirname, "..");
const FOLDERS = ["app", "lib", "components", "scripts"];
const SKIP_DIRS = new Set(["node_modules", "generated", ".next"]);
const NEXT_FILES = new Set(["page", "route", "layout", "loading", "error", "not-found", "template", "default", "index"]);
// What Next reads from those files by name (GET, POST, metadata, dynamic, …) is the framework's, not ours.
const nextFile = (base: string) => NEXT_FILES.has(base) && base !== "index";
const EXPORT = /^export\s+(?:async\s+)?(?:function\*?|const|let|class)\s+([A-Za-z_$][\w$]*)/gm;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return SKIP_DIRS.has(entry.name) ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.(test|spec)\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [full] : [];
  });
}

const byBase = new Map<string, string[]>();
const byExport = new Map<string, string[]>();
for (const file of FOLDERS.flatMap((f) => sourceFiles(path.join(ROOT, f)))) {
  const rel = path.relative(ROOT, file);
  const base = path.basename(file).replace(/\.tsx?$/, "");
  if (!NEXT_FILES.has(base)) byBase.set(base, [...(byBase.get(base) ?? []), rel]);
  if (nextFile(base)) continue;
  for (const match of readFileSync(file, "utf8").matchAll(EXPORT)) {
    byExport.set(match[1], [...(byExport.get(match[1]) ?? []), rel]);
  }
}

const report = (title: string, map: Map<string, string[]>) => {
  const dups = [...map].filter(([, files]) => files.length > 1).sort(([a], [b]) => a.localeCompare(b));
  if (dups.length) console.log(`${title}:\n${dups.map(([name, files]) => `  ${name}: ${files.join(", ")}`).join("\n")}`);
  return dups.length;
};
const found = report("duplicate file base names", byBase) + report("duplicate exported names", byExport);
if (found) process.exit(1);
console.log("no duplicate file base names or exported names");
