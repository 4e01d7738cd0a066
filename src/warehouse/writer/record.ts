import { ToolError } from "../../errors.js";
import type { RowRecord, Shape, WireCell } from "../../protocol.js";
import { cellOf, cellType, mergeTypes, textType, type Cell } from "../cells.js";
import { restoreSeen, type Batch, type Cells, type SyncTable } from "./batch.js";
import { cellKey, KEY_SEPARATOR } from "./keys.js";
import { FILE_PATH, FIVETRAN_ID, type Clock } from "./system.js";
import type { TableRegistry } from "./tables.js";

/**
 * Records an upsert, update or delete in its table's batch (the per-row path of a sync): its cells by column
 * index, the types its values suggest, its system columns, and its place in the batch by primary key (an upsert
 * replaces the earlier row of its key, an update or delete is merged into it). Throws what fails the sync (a null
 * primary key), leaving the batch as it was.
 */
export function recordRow(
  registry: TableRegistry,
  table: SyncTable,
  op: RowRecord["t"],
  shape: Shape,
  values: readonly WireCell[],
  id: string | undefined,
  /** Stamps `_fivetran_synced`. */
  clock: Clock,
): void {
  const batch = table.batch;
  const seen = batch.seen;
  const cols = shape.cols;
  const double = shape.double;
  // Sized for the columns known so far: the array is not grown cell by cell.
  const cells: Cells = new Array<Cells[number]>(table.columns.length);
  // What this row changed in `seen`, undone if the row is refused (a null key).
  let undo: [string, string | undefined][] | undefined;
  for (let n = 0; n < cols.length; n++) {
    const name = cols[n];
    let src = table.sources.get(name);
    if (src === undefined) src = registry.sourceColumn(table, name, shape.names[n]);
    const i = src.index;
    // Of two source columns that rename alike, the row keeps the first.
    if (cells[i] !== undefined) continue;
    const wire = values[n];
    const cell: Cell = typeof wire === "string" ? wire : cellOf(wire, double !== undefined && double.includes(n));
    cells[i] = cell;
    // A declared column's type is its declaration; only the others are typed from their values.
    if (cell === null || src.typed) continue;
    const col = table.columns[i];
    const prev = seen.get(col);
    // JSON holds anything, and text holds anything but JSON: no need to look at the value.
    if (prev === "JSON" || (prev === "VARCHAR" && typeof cell === "string")) continue;
    // The type of booleans and integers is known without sniffing their text.
    let kind: string | null;
    if (typeof wire === "boolean") kind = "BOOLEAN";
    else if (typeof wire === "number" && Number.isInteger(wire)) kind = "BIGINT";
    else kind = cellType(cell, registry.digits);
    // Columns enter `seen` in row order: it decides the order of new columns.
    if (kind !== null && prev !== kind) {
      (undo ??= []).push([col, prev]);
      seen.set(col, prev === undefined ? kind : mergeTypes(prev, kind));
    }
  }
  if (table.hashedKey) {
    if (id === undefined) throw new ToolError("internal", `A row of ${table.schema}.${table.name}, a table without a primary key, came without its _fivetran_id.`);
    cells[table.idIndex] = id;
    const prev = seen.get(FIVETRAN_ID);
    if (prev !== "VARCHAR" && prev !== "JSON") {
      const kind = textType(id);
      if (kind && kind !== prev) {
        (undo ??= []).push([FIVETRAN_ID, prev]);
        seen.set(FIVETRAN_ID, prev === undefined ? kind : mergeTypes(prev, kind));
      }
    }
  }
  const keyIndex = table.keyIndex;
  for (let k = 0; k < keyIndex.length; k++) {
    if (cells[keyIndex[k]] == null) {
      if (undo) restoreSeen(seen, undo);
      throw new ToolError(
        "invalid_argument",
        `Null primary key found while syncing table ${table.schema}.${table.name}. Primary Key ${table.key[k]} is null in object.`,
        "Every upsert, update and delete must carry a value for each primary-key column.",
      );
    }
  }
  cells[table.deletedIndex] = op === "delete" ? "true" : "false";
  cells[table.syncedIndex] = clock.nowUs();
  const key = keyIndex.length === 1 ? cellKey(cells[keyIndex[0]] as Cell | number) : keyIndex.map((i) => cellKey(cells[i] as Cell | number)).join(KEY_SEPARATOR);
  // A record naming another stored file than the earlier record of its key, both still waiting: the earlier file
  // was replaced (see Batch.replacedPaths).
  const pathAt = table.index.get(FILE_PATH);
  if (pathAt !== undefined && cells[pathAt] !== undefined) notePathReplaced(batch, pathAt, cells[pathAt] as Cell, key);
  if (op === "upsert") {
    // A key upserted before, other than by an upsert of this batch (which this one replaces in memory), has a
    // row in the table or on its way there.
    if (!table.upserted.add(key) && !batch.mayConflict && batch.pending.get(key)?.upsert !== true) batch.mayConflict = true;
    batch.pending.set(key, { upsert: true, cells });
    batch.hasUpserts = true;
  } else {
    const earlier = batch.pending.get(key);
    if (earlier) {
      const into = earlier.cells;
      for (let i = 0; i < cells.length; i++) if (cells[i] !== undefined) into[i] = cells[i];
    } else batch.pending.set(key, { upsert: false, cells });
  }
}

function notePathReplaced(batch: Batch, pathAt: number, path: Cell, key: string): void {
  const earlier = batch.pending.get(key)?.cells[pathAt];
  if (typeof earlier === "string" && earlier !== path) (batch.replacedPaths ??= new Set()).add(earlier);
}
