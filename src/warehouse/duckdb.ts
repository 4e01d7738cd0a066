import type * as DuckDB from "@duckdb/node-api";
import { createRequire } from "node:module";

/**
 * @duckdb/node-api, loaded with require() rather than import. The package is CommonJS: importing it from an ES
 * module makes Node lex each of its ~100 files for their export names first. Measured on this machine: 180–230 ms
 * for the import, 65–105 ms for require(), on the main thread of every sync and first query. Types come from
 * `import type`, which costs nothing at run time.
 */
export const duckdb = createRequire(import.meta.url)("@duckdb/node-api") as typeof DuckDB;
