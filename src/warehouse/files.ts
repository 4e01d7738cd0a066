import { ToolError } from "../errors.js";
import { ConnectorProject } from "../workspace/project.js";

/** Where `fivetran debug` keeps a sync, inside the connector folder (docs/warehouse.md). */
export const FILES_DIR = "files";
export const SCHEMA = "tester";
export const METADATA_TABLE = "_fivetran_metadata";

export const WAREHOUSE_FILE = `${FILES_DIR}/warehouse.db`;
export const STATE_FILE = `${FILES_DIR}/state.json`;

/** A connector folder: the project of the call, or a folder path (the CLI, tests). */
export type ProjectRef = ConnectorProject | string;

// Security: every path below comes from the project layer, which refuses `files/` or a file in it that is a link
// (or a hard link, for the database) leading out of the connector folder.
export function filesDir(projectDir: ProjectRef): string {
  return ConnectorProject.of(projectDir).resolve(FILES_DIR);
}

/** The database, checked to be a regular file inside the folder (with its .wal) right before DuckDB opens it. */
export function warehousePath(projectDir: ProjectRef): string {
  return ConnectorProject.of(projectDir).database(WAREHOUSE_FILE);
}

/**
 * Where the database is, for what a run reports: warehousePath(), except that a folder at its name (inside the
 * folder) is named rather than refused: the sync fails on it as `fivetran debug` fails (WarehouseWriter.open()).
 */
export function warehouseLocation(projectDir: ProjectRef): string {
  const project = ConnectorProject.of(projectDir);
  return project.isFolder(WAREHOUSE_FILE) ? project.resolve(WAREHOUSE_FILE) : project.database(WAREHOUSE_FILE);
}

export function statePath(projectDir: ProjectRef): string {
  return ConnectorProject.of(projectDir).resolve(STATE_FILE);
}

/** The state the last checkpoint committed; `{}` when there is none yet. */
export function readState(projectDir: ProjectRef): Record<string, unknown> {
  const path = statePath(projectDir);
  const text = ConnectorProject.of(projectDir).readText(STATE_FILE);
  if (text === undefined) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new ToolError("state", `files/state.json is not valid JSON: ${(e as Error).message}`, "Fix or delete files/state.json, or run run_debug with reset=true.", path);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new ToolError("state", "files/state.json does not hold a JSON object.", "Fix or delete files/state.json, or run run_debug with reset=true.", path);
  }
  return parsed as Record<string, unknown>;
}
