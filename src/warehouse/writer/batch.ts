import { mergeTypes, type Cell } from "../cells.js";
import { KeySet } from "./keys.js";
import { FIVETRAN_DELETED, FIVETRAN_ID, FIVETRAN_SYNCED } from "./system.js";

// What a table of a sync holds in memory: its columns, its key, and the batch of rows waiting for a checkpoint.

/** Column types by column name, in table order. */
export type Columns = Map<string, string>;

/**
 * A row waiting for a checkpoint: its cells by column index of its table (undefined: the operation did not bring
 * the column; a number: the `_fivetran_synced` time in microseconds). Arrays rather than maps, because a batch
 * holds tens of thousands of rows.
 */
export type Cells = (Cell | number | undefined)[];

export interface Pending {
  upsert: boolean;
  cells: Cells;
  /** An update of a key this sync had not upserted when its batch was closed: its "" become NULL. */
  blank?: boolean;
}

/** What a table got between two checkpoints. */
export class Batch {
  pending = new Map<string, Pending>();
  truncateBefore: string | null = null;
  /** The type of each column's values since the last write of this table (insertion order: first seen). */
  seen = new Map<string, string>();
  /** The batch that follows, once this one is closed: where `seen` goes when this batch is not written. */
  next: Batch | undefined;
  hasUpserts = false;
  /**
   * Stored-file paths a record of this batch named and a later record of the same key replaced: the SDK compares
   * each record with the one before it in a write, so such a file is deleted after the checkpoint that writes
   * this batch if no row names it then (see StoredFiles.noteStale()).
   */
  replacedPaths: Set<string> | undefined;
  /**
   * An upsert of this batch has a key that an earlier batch of this sync upserted: it may meet a row already in
   * the table. Without one (and with a table empty when the sync began), the upserts can be appended straight
   * into the table (see upsertRows()).
   */
  mayConflict = false;
}

/** What a source column name means in one table; looked up once per name, not once per value. */
export interface SourceColumn {
  index: number;
  /** The renamed column has a declared type, which wins over sniffing: its values need no type guess. */
  typed: boolean;
}

/** A table of this sync: what schema() declared, its key, and the rows waiting for the next checkpoint. */
export class SyncTable {
  batch = new Batch();
  /** Renamed column names by index, and back; system columns get an index like any other. */
  readonly columns: string[] = [];
  readonly index = new Map<string, number>();
  readonly sources = new Map<string, SourceColumn>();
  /** Every key this sync has upserted, written or not (an update of one keeps its empty strings). */
  upserted = new KeySet();
  /**
   * The cast keys (see keys.ts looseKeys()) of rows this sync wrote whose key in the table is not their key in
   * memory: a later row whose key meets one of them is not new to the table, whatever its own key.
   */
  looseWritten: KeySet | undefined;
  /**
   * For the open transaction, the key in memory that first wrote each cast key met by keys that differ in memory
   * (see RowWriter.keepFirstClaims()).
   */
  claims: Map<string, string> | undefined;
  /**
   * Keys in memory whose upserted row lost, in the open transaction, to another key in memory that is the same key in
   * the table (see claims): the SDK merges a later update of such a key into its losing row, so it changes nothing.
   */
  lost: Set<string> | undefined;
  /** Rows of this table were upserted in the open transaction (an earlier write of it). */
  upsertedInTx = false;
  /** A row of this table had a key whose cast cannot be told: its upserts never skip the conflict checks. */
  castUnknown = false;
  /** The types of the key columns at this table's last write in this sync (see RowWriter.castKeysUnique()). */
  keyKinds: string | undefined;
  /**
   * Set when this table's first upserts came inside the open transaction (it was created in it, or it was only a
   * declared table until then): its data columns in the order they first came since the last checkpoint, the order
   * one write at the checkpoint would have added them in (see order()).
   */
  txOrder: string[] | undefined;
  /** With txOrder: the table's columns before the transaction wrote it (a declared table's, made at the start). */
  txPrefix: string[] | undefined;
  /** The table's name as the connector gave it: stored files live under files/storage/<schema>/<this>/. */
  source = "";
  /** Whether the table held no rows when this sync first wrote to it; undefined until then (see upsertRows()). */
  emptyAtStart: boolean | undefined;
  readonly keyIndex: number[];
  readonly idIndex: number;
  readonly deletedIndex: number;
  readonly syncedIndex: number;
  constructor(
    /** The destination schema: tester, or tester_<source schema> for a table named with schema= (SDK 3.0). */
    readonly schema: string,
    readonly name: string,
    readonly declared: Columns,
    /** SDK types by source column name, as the SDK encodes values before renaming. */
    readonly sourceTypes: Map<string, string>,
    readonly key: string[],
    readonly hashedKey: boolean,
    readonly isDeclared: boolean,
  ) {
    this.keyIndex = key.map((k) => this.columnIndex(k));
    this.idIndex = this.columnIndex(FIVETRAN_ID);
    this.deletedIndex = this.columnIndex(FIVETRAN_DELETED);
    this.syncedIndex = this.columnIndex(FIVETRAN_SYNCED);
  }
  columnIndex(name: string): number {
    let i = this.index.get(name);
    if (i === undefined) {
      i = this.columns.length;
      this.columns.push(name);
      this.index.set(name, i);
    }
    return i;
  }
  /**
   * Columns that rows of this sync gave a type (the writes create them), and those its writes found in the table:
   * a "" in one of them is written as "" (see holdUntyped()).
   */
  readonly typedColumns = new Set<string>();
  /**
   * Closes the current batch and starts the next; decides now which updates blank their "". `early`: the batch is
   * written early (a spill), not at a checkpoint; then rows holding "" in a column no row has typed yet are held
   * back to the next batch, at most `holdMax` of them (memory stays bounded): written now, the column would not
   * be created (no type) and the "" would be lost, where the SDK, writing the checkpoint's rows once, types the
   * column from a later row and keeps the "". Past `holdMax` they are written, and lose it; `lostBlank` says so.
   */
  close(early = false, holdMax = 0, holdUpdates = holdMax): Batch {
    const b = this.batch;
    b.next = this.batch = new Batch();
    for (const [k, p] of b.pending) if (!p.upsert) p.blank = !this.upserted.has(k);
    for (const c of b.seen.keys()) this.typedColumns.add(c);
    if (early) {
      this.holdUntyped(b, b.next, holdMax);
      this.holdUpdates(b, b.next, holdUpdates);
      // The SDK writes a checkpoint once: its upserts, its updates, then its truncate, which deletes the rows synced
      // before it. An early write leaves the truncate to the next write: rows held back from it (recorded before the
      // truncate) are written first and end deleted too (272-274), and a column a later row of the checkpoint adds
      // comes before the _fivetran_deleted the truncate may add (281, 282). Applied later, it deletes the same
      // rows: it compares each row's _fivetran_synced with its own time, and rows recorded after it are synced after.
      if (b.truncateBefore) {
        b.next.truncateBefore = b.truncateBefore;
        b.truncateBefore = null;
      }
    }
    return b;
  }

  /**
   * Moves the updates and deletes of `b` to the empty batch `next`, at most `holdMax` of them (the first), so that
   * they are written at the checkpoint, after every upsert of it, as the SDK writes a checkpoint once: upserts, then
   * updates and deletes. Written early, an update of `9` would miss the row an upsert of `9.0` makes later in the
   * checkpoint (267), and an update of `"w5"` would fail against a key column that an upsert later in it widens to
   * VARCHAR (268, 269). Updates of one key merge as before: a later upsert of the same key replaces a held update,
   * as in the SDK's batch. Past `holdMax`, they are written early (docs/fidelity.md, Known differences).
   */
  private holdUpdates(b: Batch, next: Batch, holdMax: number): void {
    if (this.hashedKey) return;
    let held = 0;
    for (const [k, p] of b.pending) {
      if (p.upsert) continue;
      if (held >= holdMax) break;
      this.moveToNext(b, next, k, p);
      held++;
    }
  }

  /**
   * A column whose "" an early write of the open transaction could not hold back (see close()): the writer says so
   * if a later write of the same transaction creates the column (WarehouseWriter.noteLostBlank()).
   */
  lostBlank: string | undefined;

  /** Moves rows with "" in a column of no known type from `b` to the empty batch `next`, keeping their order. */
  private holdUntyped(b: Batch, next: Batch, holdMax: number): void {
    // Usually every column has a type by now: then no row needs a look (a wide table's batch is 100+ cells a row).
    if (this.columns.every((c, i) => this.typedColumns.has(c) || this.declared.has(c) || this.keyIndex.includes(i))) return;
    let held = 0;
    for (const [k, p] of b.pending) {
      if (p.blank) continue;
      const cells = p.cells;
      let untyped: string | undefined;
      for (let i = 0; i < cells.length && untyped === undefined; i++) {
        if (cells[i] !== "" || this.keyIndex.includes(i)) continue;
        const c = this.columns[i];
        if (!this.typedColumns.has(c) && !this.declared.has(c)) untyped = c;
      }
      if (untyped === undefined) continue;
      if (held >= holdMax) {
        // Written now, without the column: its "" becomes NULL once a later row creates the column.
        this.lostBlank ??= untyped;
        break;
      }
      this.moveToNext(b, next, k, p);
      held++;
    }
  }

  /** Moves the row of key `k` from `b` to `next`, with what `b` knew of it: its columns' types, a possible conflict. */
  private moveToNext(b: Batch, next: Batch, k: string, p: Pending): void {
    b.pending.delete(k);
    next.pending.set(k, p);
    if (p.upsert) next.hasUpserts = true;
    next.mayConflict ||= b.mayConflict;
    for (let i = 0; i < p.cells.length; i++) {
      const kind = p.cells[i] === undefined ? undefined : b.seen.get(this.columns[i]);
      if (kind !== undefined) next.seen.set(this.columns[i], kind);
    }
  }
  clear(): void {
    this.batch = new Batch();
  }
  /** The open transaction ended (committed or rolled back): what this table noted of it is forgotten. */
  endTransaction(): void {
    this.txOrder = this.txPrefix = this.lostBlank = this.claims = this.lost = undefined;
    this.upsertedInTx = this.writtenEarly = false;
  }

  /** Rows of this table were written early (before their checkpoint) in the open transaction. */
  writtenEarly = false;

  // What this table learnt across the sync, as it was when the transaction being closed began, so that the
  // transaction can be written again from its records (WarehouseWriter.replay()) as if for the first time. Keys and
  // typed columns are learnt as rows are recorded, so their boundary is the checkpoint's call (cut()); the rest is
  // learnt as rows are written, so its boundary is the commit before (committed()).
  private typedAtClosedStart = new Set<string>();
  private typedAtOpenStart = new Set<string>();
  private atCommit: { castUnknown: boolean; keyKinds: string | undefined; looseWritten: KeySet | undefined } = {
    castUnknown: false,
    keyKinds: undefined,
    looseWritten: undefined,
  };

  /** A checkpoint was called: what was recorded so far belongs to the transaction it closes. */
  cut(): void {
    this.upserted.cut();
    this.typedAtClosedStart = this.typedAtOpenStart;
    this.typedAtOpenStart = new Set(this.typedColumns);
  }

  /** Whether undoClosed() can forget all the closed transaction taught this table (see KeySet.undoable()). */
  undoable(): boolean {
    // Cast keys are noted as rows are written: those since the commit before are the log not cut yet.
    return this.upserted.undoable() && (this.atCommit.looseWritten?.logComplete() ?? true);
  }

  /** The closed transaction committed: what it taught this table stays. */
  committed(): void {
    this.upserted.keepClosed();
    this.looseWritten?.cut();
    this.looseWritten?.keepClosed();
    this.atCommit = { castUnknown: this.castUnknown, keyKinds: this.keyKinds, looseWritten: this.looseWritten };
  }

  /**
   * The closed transaction was rolled back to be written again from its records: forgets what it taught this table,
   * keeping what records after its checkpoint's call taught (the next transaction's).
   */
  undoClosed(): void {
    this.upserted.undoClosed();
    if (this.atCommit.looseWritten === undefined) this.looseWritten = undefined;
    else {
      this.looseWritten = this.atCommit.looseWritten;
      this.looseWritten.cut();
      this.looseWritten.undoClosed();
    }
    this.castUnknown = this.atCommit.castUnknown;
    this.keyKinds = this.atCommit.keyKinds;
    const later = [...this.typedColumns].filter((c) => !this.typedAtOpenStart.has(c));
    this.typedColumns.clear();
    for (const c of this.typedAtClosedStart) this.typedColumns.add(c);
    for (const c of later) this.typedColumns.add(c);
  }

  /** The closed transaction was written again: the next one begins with what that taught this table. */
  replayed(): void {
    this.typedAtOpenStart = new Set(this.typedColumns);
  }
}

/** An update of a row this sync has not upserted writes "" as NULL, as the SDK's core does (the key stays). */
export function blankToNull(row: Cells, key: number[]): Cells {
  let out: Cells | undefined;
  for (let i = 0; i < row.length; i++) {
    if (row[i] === "" && !key.includes(i)) {
      out ??= row.slice();
      out[i] = null;
    }
  }
  return out ?? row;
}

export function restoreSeen(seen: Map<string, string>, undo: [string, string | undefined][]): void {
  for (let u = undo.length - 1; u >= 0; u--) {
    const [col, prev] = undo[u];
    if (prev === undefined) seen.delete(col);
    else seen.set(col, prev);
  }
}

/** Hands the column types of a batch that was not written on to the batch after it, before its own. */
export function carrySeen(b: Batch): void {
  if (!b.seen.size || !b.next) return;
  const merged = new Map(b.seen);
  for (const [c, k] of b.next.seen) {
    const prev = merged.get(c);
    merged.set(c, prev === undefined ? k : mergeTypes(prev, k));
  }
  b.next.seen = merged;
}
