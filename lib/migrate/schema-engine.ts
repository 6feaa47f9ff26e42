import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type {
  MigrationList,
  SchemaEngine,
  SchemaFilter,
  SchemasContainer,
} from "@prisma/schema-engine-wasm";
import pg from "pg";

// Prisma's schema engine, run as WebAssembly (@prisma/schema-engine-wasm, the same engine
// build as the `prisma` CLI) over the pg driver adapter, because the CLI's native
// schema-engine binary cannot be downloaded here. It writes the same `_prisma_migrations`
// table and reads the same migration folders, so `prisma migrate deploy` elsewhere agrees
// with what we apply.
//
// Runs under tsx and vitest only (not inside Next, not in the compiled worker).

type SchemaEngineModule = typeof import("@prisma/schema-engine-wasm");

/** The project root (this file is lib/migrate/schema-engine.ts). */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const SCHEMA_PATH = path.join(PROJECT_ROOT, "prisma", "schema.prisma");
export const MIGRATIONS_DIR = path.join(PROJECT_ROOT, "prisma", "migrations");

/** Local development / test database, used when DATABASE_URL is unset (never by db:migrate). */
export const DEFAULT_DATABASE_URL = "postgresql://postgres:postgres@127.0.0.1:5432/test";

/** No externally managed tables or enums. */
export const NO_FILTER: SchemaFilter = { externalTables: [], externalEnums: [] };

// ---------------------------------------------------------------------------------------
// Loading the wasm module

let modulePromise: Promise<SchemaEngineModule> | undefined;

// Timers the engine starts (it has setTimeout but no clearTimeout import: a timed-out race
// leaves a 10 s timer running after the work is done). We clear them when no engine is open,
// so scripts exit promptly.
const engineTimers = new Set<ReturnType<typeof setTimeout>>();
let openEngines = 0;

/**
 * Loads and instantiates the wasm engine once per process. The package's ESM entry imports
 * the `.wasm` file directly (needs --experimental-wasm-modules on Node 20), so we do by hand
 * what that entry does: instantiate the bytes with the JS glue module as the import object,
 * hand the instance to the glue (`__wbg_set_wasm`) and run `__wbindgen_start`.
 */
export function loadSchemaEngineModule(): Promise<SchemaEngineModule> {
  modulePromise ??= (async () => {
    const require = createRequire(import.meta.url);
    const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    // By file URL: a bare specifier fails when tsx runs this file as CJS under an ESM caller.
    const glue = (await import(pathToFileURL(gluePath).href)) as SchemaEngineModule & {
      __wbg_set_wasm(exports: WebAssembly.Exports): void;
    } & Record<string, unknown>;
    const imports: WebAssembly.ModuleImports = { ...(glue as unknown as WebAssembly.ModuleImports) };
    for (const name of Object.keys(imports).filter((n) => n.startsWith("__wbg_setTimeout_"))) {
      imports[name] = (callback: () => void, ms: number) => {
        const timer = setTimeout(() => {
          engineTimers.delete(timer);
          callback();
        }, ms >>> 0);
        engineTimers.add(timer);
        return timer;
      };
    }
    const bytes = await readFile(path.join(path.dirname(gluePath), "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": imports });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue;
  })();
  modulePromise.catch(() => {
    modulePromise = undefined;
  });
  return modulePromise;
}

// ---------------------------------------------------------------------------------------
// URLs and schema files

/** Splits `?schema=` off a Postgres URL (the same rule as lib/db.ts parseDatabaseUrl). */
export function splitSchemaParam(url: string): { connectionString: string; schema?: string } {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get("schema") || undefined;
  parsed.searchParams.delete("schema");
  return { connectionString: parsed.toString(), schema };
}

/** `url` with `?schema=` set to `schema`. */
export function withSchemaParam(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set("schema", schema);
  return parsed.toString();
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** `url` with the password masked, for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "<unparseable URL>";
  }
}

export async function readSchemaFiles(schemaPath = SCHEMA_PATH): Promise<SchemasContainer> {
  return { files: [{ path: schemaPath, content: await readFile(schemaPath, "utf8") }] };
}

// ---------------------------------------------------------------------------------------
// pg / adapter fixes

const PG_CHAR_OID = 18; // Postgres' internal one-byte "char" (pg_constraint.contype, ...)
const PG_TEXT_OID = 25;

function charFieldsAsText<T>(result: T): T {
  const results = (Array.isArray(result) ? result : [result]) as { fields?: { dataTypeID: number }[] }[];
  for (const r of results) {
    for (const field of r?.fields ?? []) {
      if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
    }
  }
  return result;
}

/**
 * @prisma/adapter-pg 7.10 has no column-type mapping for Postgres' `"char"` (OID 18) and
 * throws "Column type 'char' could not be deserialized from the database" for any result
 * with such a column, even an empty one. The engine's introspection selects
 * `pg_constraint.contype`, so every diff that reads the database failed. pg returns "char"
 * values as strings already; this client relabels those columns as text for the adapter.
 */
class CharAsTextClient extends pg.Client {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const query = super.query as (...a: any[]) => any;
    const last = args[args.length - 1];
    if (typeof last === "function") {
      args[args.length - 1] = (err: unknown, res: unknown) => last(err, err ? res : charFieldsAsText(res));
      return query.apply(this, args);
    }
    const ret = query.apply(this, args);
    return ret && typeof ret.then === "function" ? ret.then(charFieldsAsText) : ret;
  }
}

/**
 * Wraps PrismaPg for the engine:
 * - remembers the adapters (pools) the engine opens, so close() can end them (freeing the
 *   engine does not dispose them, and their pools would keep the process alive);
 * - runs a migration script the way the native engine does, as one simple-protocol query
 *   (Postgres runs it as one implicit transaction). adapter-pg's executeScript splits the
 *   script on every `;`, which breaks on a `;` inside a string or a function body and
 *   leaves a half-applied migration when a later statement fails;
 * - refuses the shadow database: nothing here uses it (we diff against a scratch schema),
 *   and PrismaPg's connectToShadowDb leaks a pool per call.
 */
class EnginePgFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "postgres" as const;
  readonly adapterName: string;
  private readonly open = new Set<SqlDriverAdapter>();

  constructor(private readonly inner: PrismaPg) {
    this.adapterName = inner.adapterName;
  }

  async connect(): Promise<SqlDriverAdapter> {
    const adapter = await this.inner.connect();
    adapter.executeScript = async (script: string) => {
      // No parameters: pg uses the simple query protocol, which allows many statements.
      await adapter.executeRaw({ sql: script, args: [], argTypes: [] });
    };
    const dispose = adapter.dispose.bind(adapter);
    let disposed: Promise<void> | undefined;
    adapter.dispose = () => {
      this.open.delete(adapter);
      disposed ??= dispose();
      return disposed;
    };
    this.open.add(adapter);
    return adapter;
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    throw new Error("lib/migrate: the schema engine asked for a shadow database; this setup does not provide one");
  }

  async disposeAll(): Promise<void> {
    await Promise.allSettled([...this.open].map((a) => a.dispose()));
  }
}

// ---------------------------------------------------------------------------------------
// Opening an engine

export interface OpenedSchemaEngine {
  engine: SchemaEngine;
  /** The Postgres schema the engine works in: `?schema=`, else "public". */
  schema: string;
  /** Recent engine log lines (JSON), for error reports. */
  logs: string[];
  close(): Promise<void>;
}

/**
 * Opens the wasm schema engine against `databaseUrl`. A `?schema=NAME` parameter becomes the
 * adapter's `schema` option, from which the engine takes the schema it introspects, migrates
 * and keeps `_prisma_migrations` in, and also the connection's search_path, so the
 * unqualified names in migration scripts land in it. The schema must exist.
 */
export async function openSchemaEngine(
  databaseUrl: string,
  options: { schemaFiles?: SchemasContainer } = {},
): Promise<OpenedSchemaEngine> {
  const mod = await loadSchemaEngineModule();
  const { connectionString, schema } = splitSchemaParam(databaseUrl);
  const factory = new EnginePgFactory(
    new PrismaPg(
      {
        connectionString,
        max: 1,
        Client: CharAsTextClient,
        options: schema ? `-c search_path=${quoteIdent(schema)}` : undefined,
      },
      schema ? { schema } : undefined,
    ),
  );
  const schemaFiles = options.schemaFiles ?? (await readSchemaFiles());
  const logs: string[] = [];
  openEngines++;
  let engine: SchemaEngine;
  try {
    engine = await mod.SchemaEngine.new(
      { datamodels: schemaFiles.files.map((f) => [f.path, f.content] as [string, string]) },
      (line: string) => {
        logs.push(line);
        if (logs.length > 100) logs.shift();
      },
      bindMigrationAwareSqlAdapterFactory(factory),
    );
  } catch (error) {
    await release();
    throw error;
  }

  let closed = false;
  async function release() {
    await factory.disposeAll();
    if (--openEngines === 0) {
      for (const timer of engineTimers) clearTimeout(timer);
      engineTimers.clear();
    }
  }
  return {
    engine,
    schema: schema ?? "public",
    logs,
    async close() {
      if (closed) return;
      closed = true;
      engine.free();
      await release();
    },
  };
}

/** Opens an engine, runs `fn`, and always closes it. */
export async function withSchemaEngine<T>(
  databaseUrl: string,
  fn: (opened: OpenedSchemaEngine) => Promise<T>,
  options: { schemaFiles?: SchemasContainer } = {},
): Promise<T> {
  const opened = await openSchemaEngine(databaseUrl, options);
  try {
    return await fn(opened);
  } finally {
    await opened.close();
  }
}

export type { MigrationList, SchemaEngine, SchemaFilter, SchemasContainer };
