import { lstatSync, type Stats } from "node:fs";
import { basename, join } from "node:path";
import { ToolError } from "../errors.js";
import { FILES_DIR, STATE_FILE, statePath, WAREHOUSE_FILE, warehousePath, type ProjectRef } from "../warehouse/files.js";
import { ConnectorProject } from "../workspace/project.js";
import { recoverStateAside } from "../state/aside.js";

/**
 * The connector's state file, `files/state.json`, as `fivetran debug` and our runner keep it: the
 * state committed by the last checkpoint, read as the default state of the next run.
 */
export type State = Record<string, unknown>;

/** Where the state lives in a connector folder: the warehouse engine's own definition, so both agree. */
export const stateFilePath = statePath;
export const warehouseFilePath = warehousePath;

const BACKUP_PREFIX = "state.json.bak-";

/** Parses state JSON text; the SDK accepts only a JSON object at the top level. */
export function parseState(text: string, source: string): State {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new ToolError("state", `${source} is not valid JSON: ${(e as Error).message}`, 'Give the state as a JSON object, for example {"cursor": "2024-01-01T00:00:00Z"}.');
  }
  return assertStateObject(value, source);
}

export function assertStateObject(value: unknown, source: string): State {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    const kind = value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`;
    throw new ToolError("state", `${source} must be a JSON object, but it is ${kind}.`, "Fivetran sends and receives the state as a JSON object at the top level; wrap the values in {...}.");
  }
  // Security: a deeply nested state overflows the stack of every recursive reader (JSON.stringify here, Python's json
  // in the connector: its limit is about 1,000 levels); it is refused with its depth, before anything reads it whole.
  const depth = nestingDepth(value, MAX_STATE_DEPTH);
  if (depth > MAX_STATE_DEPTH) {
    throw new ToolError(
      "state",
      `${source} is nested more than ${MAX_STATE_DEPTH} levels deep; the limit is ${MAX_STATE_DEPTH} (Python's json refuses about 1,000).`,
      'Keep state flat: a cursor per table, e.g. {"orders": {"updated_at": "2024-01-01T00:00:00Z"}}.',
    );
  }
  // Security: a state of any size would be written, read back into every run and echoed by get_state; Fivetran's
  // guidance is a state under 10 MB (checkpoint cursors, not data).
  const bytes = Buffer.byteLength(JSON.stringify(value));
  if (bytes > MAX_STATE_BYTES) {
    throw new ToolError(
      "state",
      `${source} is ${bytes} bytes as JSON; the limit is ${MAX_STATE_BYTES} bytes (Fivetran keeps state under 10 MB).`,
      "Keep only cursors in state (a timestamp or an id per table, a page token), not records or lists of ids.",
    );
  }
  return value as State;
}

/** The deepest nesting of objects and arrays a state may have. */
export const MAX_STATE_DEPTH = 500;

/** How deep objects and arrays nest in `value`, counted without recursion and stopping past `limit`. */
function nestingDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== "object") continue;
    deepest = Math.max(deepest, d);
    if (deepest > limit) return deepest;
    for (const child of Object.values(v)) if (child !== null && typeof child === "object") stack.push([child, d + 1]);
  }
  return deepest;
}

/** The largest state set_state and run_debug's `state` accept: Fivetran's "under 10 MB". */
export const MAX_STATE_BYTES = 10_000_000;

export interface StateSnapshot {
  path: string;
  exists: boolean;
  state: State;
  bytes: number;
  modified?: string;
}

export async function readStateFile(projectDir: ProjectRef): Promise<StateSnapshot> {
  const project = ConnectorProject.of(projectDir);
  // A real-SDK run whose server died left its state override in state.json and the state it replaced aside: the
  // state of the folder is the one put aside (the next run would start from it too).
  recoverStateAside(project);
  const path = stateFilePath(project);
  const text = project.readText(STATE_FILE);
  const info = text === undefined ? undefined : project.lstat(STATE_FILE);
  if (text === undefined || info === undefined) return { path, exists: false, state: {}, bytes: 0 };
  // An empty file is what an interrupted writer leaves; the SDK treats a missing state as {}.
  const state = text.trim() === "" ? {} : parseState(text, "files/state.json");
  return { path, exists: true, state, bytes: Buffer.byteLength(text), modified: info.mtime.toISOString() };
}

/**
 * Writes the state atomically: a temporary file in the same folder, then a rename, so a run that
 * reads it at the same moment sees the old state or the new one, never half of each.
 */
export async function writeStateFile(projectDir: ProjectRef, state: State): Promise<{ path: string; bytes: number }> {
  assertStateObject(state, "state");
  const text = `${JSON.stringify(state, null, 2)}\n`;
  // Security: the project layer writes a temporary file created exclusively and renames it over state.json, so a
  // link or hard link planted at that name is replaced, never written through (a link inside the folder too, as
  // the SDK's checkpoint replaces it: 467).
  const path = ConnectorProject.of(projectDir).writeFile(STATE_FILE, text, { replaceName: true });
  return { path, bytes: Buffer.byteLength(text) };
}

/** A timestamp usable in a file name on every platform (no colons), sortable as text. */
export function backupStamp(now = new Date()): string {
  return now.toISOString().replace(/:/g, "-").replace(/\./, "-");
}

export interface BackupInfo {
  name: string;
  path: string;
  created: string;
  bytes: number;
}

/** Backups of the state kept by reset and set, newest first. */
export async function listStateBackups(projectDir: ProjectRef): Promise<BackupInfo[]> {
  const project = ConnectorProject.of(projectDir);
  const dir = project.resolve(FILES_DIR);
  const names = project.list(FILES_DIR).filter((n) => n.startsWith(BACKUP_PREFIX));
  const out: BackupInfo[] = [];
  for (const name of names) {
    // Security: a backup that is a link leaving the folder is listed from the link itself (its own time), never
    // followed; reading it (diff_state) is refused.
    const path = join(dir, name);
    const info = lstatOrUndefined(path);
    if (!info) continue;
    out.push({ name, path, created: info.mtime.toISOString(), bytes: info.size });
  }
  // The stamp in the name sorts as text; it is the order the backups were taken in.
  return out.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
}

/** Copies the current state aside under a timestamped name; returns its name, or null when there is no state. */
export async function backupState(projectDir: ProjectRef, now = new Date()): Promise<string | null> {
  const project = ConnectorProject.of(projectDir);
  const text = project.readBytes(STATE_FILE);
  if (text === undefined) return null;
  let name = `${BACKUP_PREFIX}${backupStamp(now)}`;
  // Never overwrite an earlier backup, even two taken in the same millisecond.
  for (let i = 1; project.exists(`${FILES_DIR}/${name}`); i++) {
    if (i > 50) throw new ToolError("already_exists", `Too many state backups named ${name}.`, "Remove old backups from files/.", name);
    name = `${BACKUP_PREFIX}${backupStamp(now)}-${i}`;
  }
  project.writeFile(`${FILES_DIR}/${name}`, text);
  return name;
}

export interface ResetResult {
  backup: string | null;
  previousState: State;
  warehouseRemoved: boolean;
}

/**
 * Clears the state (the next run starts from {} like a first sync). The old state is kept as a
 * backup; the warehouse is removed only when asked, because its rows are the evidence of past runs.
 */
export async function resetState(projectDir: ProjectRef, opts: { warehouse?: boolean } = {}): Promise<ResetResult> {
  const project = ConnectorProject.of(projectDir);
  // Security: everything that will be deleted is checked first, so a refused link leaves the folder as it was.
  if (opts.warehouse) warehouseFilePath(project);
  const current = await readStateFile(project);
  const backup = await backupState(project);
  project.remove(STATE_FILE);
  let warehouseRemoved = false;
  if (opts.warehouse) {
    warehouseRemoved = project.exists(WAREHOUSE_FILE);
    // DuckDB keeps uncommitted pages in a write-ahead log beside the file; it goes with it.
    project.remove(WAREHOUSE_FILE);
    project.remove(`${WAREHOUSE_FILE}.wal`);
  }
  return { backup, previousState: current.state, warehouseRemoved };
}

/** Reads a backup by name; only names that reset or set produced are accepted. */
export async function readStateBackup(projectDir: ProjectRef, name: string): Promise<State> {
  // Security: a backup name is a bare file name, never a path.
  if (basename(name) !== name || !name.startsWith(BACKUP_PREFIX)) {
    throw new ToolError("invalid_argument", `${name} is not a state backup name.`, `Use a name from list of backups (they start with ${BACKUP_PREFIX}).`, name);
  }
  const text = ConnectorProject.of(projectDir).readText(`${FILES_DIR}/${name}`);
  if (text === undefined) {
    throw new ToolError("not_found", `The backup ${name} does not exist.`, "Call get_state to list the backups that exist.", name);
  }
  return parseState(text, name);
}

export interface StateChange {
  /** Dotted path with [i] for array items, e.g. `cursors.orders[0].updated_at`. */
  path: string;
  before?: unknown;
  after?: unknown;
}

export interface StateDiff {
  added: StateChange[];
  removed: StateChange[];
  changed: StateChange[];
  unchanged: boolean;
}

function joinPath(parent: string, key: string | number): string {
  if (typeof key === "number") return `${parent}[${key}]`;
  const safe = /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? key : JSON.stringify(key);
  return parent === "" ? safe : `${parent}.${safe}`;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/**
 * The difference between two states, down to nested keys, so "the cursor moved" reads as one
 * changed path rather than two whole objects to compare by eye.
 */
export function diffStates(before: unknown, after: unknown): StateDiff {
  const diff: StateDiff = { added: [], removed: [], changed: [], unchanged: true };
  walk(before, after, "", diff);
  diff.unchanged = diff.added.length + diff.removed.length + diff.changed.length === 0;
  return diff;
}

function walk(a: unknown, b: unknown, path: string, diff: StateDiff): void {
  if (isPlainObject(a) && isPlainObject(b)) {
    for (const k of Object.keys(a)) {
      if (!(k in b)) diff.removed.push({ path: joinPath(path, k), before: a[k] });
      else walk(a[k], b[k], joinPath(path, k), diff);
    }
    for (const k of Object.keys(b)) if (!(k in a)) diff.added.push({ path: joinPath(path, k), after: b[k] });
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) {
      if (i >= b.length) diff.removed.push({ path: joinPath(path, i), before: a[i] });
      else if (i >= a.length) diff.added.push({ path: joinPath(path, i), after: b[i] });
      else walk(a[i], b[i], joinPath(path, i), diff);
    }
    return;
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) diff.changed.push({ path: path || "(root)", before: a, after: b });
}

/**
 * Resolves a state reference used by diff: "current", "latest_backup", a backup name, or an
 * inline JSON object.
 */
export async function resolveStateRef(projectDir: ProjectRef, ref: string): Promise<{ label: string; state: State }> {
  const r = ref.trim();
  if (r.startsWith("{") || r.startsWith("[")) return { label: "given JSON", state: parseState(r, "the given state") };
  if (r === "current") return { label: "files/state.json", state: (await readStateFile(projectDir)).state };
  if (r === "latest_backup") {
    const [latest] = await listStateBackups(projectDir);
    if (!latest) {
      throw new ToolError("not_found", "There is no state backup yet.", "Backups are made by reset_state and set_state; or compare against a JSON object given inline.");
    }
    return { label: latest.name, state: await readStateBackup(projectDir, latest.name) };
  }
  return { label: r, state: await readStateBackup(projectDir, r) };
}

function lstatOrUndefined(p: string): Stats | undefined {
  try {
    return lstatSync(p);
  } catch {
    return undefined;
  }
}
