import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ToolError } from "../errors.js";

/** Where `fivetran debug` keeps a sync, inside the connector folder (docs/warehouse.md). */
export const FILES_DIR = "files";
export const SCHEMA = "tester";
export const METADATA_TABLE = "_fivetran_metadata";

export function filesDir(projectDir: string): string {
  return join(projectDir, FILES_DIR);
}

export function warehousePath(projectDir: string): string {
  return join(projectDir, FILES_DIR, "warehouse.db");
}

export function statePath(projectDir: string): string {
  return join(projectDir, FILES_DIR, "state.json");
}

/** The state the last checkpoint committed; `{}` when there is none yet. */
export function readState(projectDir: string): Record<string, unknown> {
  const path = statePath(projectDir);
  if (!existsSync(path)) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new ToolError("state", `files/state.json is not valid JSON: ${(e as Error).message}`, "Fix or delete files/state.json, or run run_debug with reset=true.", path);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new ToolError("state", "files/state.json does not hold a JSON object.", "Fix or delete files/state.json, or run run_debug with reset=true.", path);
  }
  return parsed as Record<string, unknown>;
}
