import type { ChannelRecord, DeclaredTable, Naming, RowRecord, Shape, WireCell } from "../protocol.js";

/**
 * What the runner needs from the warehouse (src/warehouse/writer.ts): one method per kind of record, all required.
 * Kept as an interface so the runner depends on the contract, not on DuckDB.
 */
export interface WarehouseSink {
  /** The warehouse keeps the source's names (`fivetran debug --naming source` made it): the harness renames nothing. */
  readonly sourceNaming: boolean;
  /** The tables schema() declared; returns the number of schema changes (the SDK counts declared tables). */
  declare(tables: DeclaredTable[]): number;
  /** A source table's destination names, as the harness renamed them; comes before the table's first record. */
  nameTable(table: string, schema: string | undefined, name: string, dest: string): void;
  /**
   * An upsert, update or delete, applied at once without a promise (the hot path of a sync): its cells by position
   * of `shape`, and the `_fivetran_id` of a row of a table without a primary key. Throws what fails the sync.
   */
  row(op: RowRecord["t"], table: string, shape: Shape, values: readonly WireCell[], schema?: string, id?: string): void;
  truncate(table: string, schema?: string): void;
  /** Characters past ASCII the connector's Python reads as decimal digits, and their values (a `digits` record). */
  learnDigits(digits: unknown): void;
  /**
   * A shape or row record as the channel carried it, given before it is applied: the warehouse keeps the open
   * transaction's rows, to write the transaction again should a column change type after some were written early.
   */
  journal(rec: ChannelRecord, line: string): void;
  /**
   * A promise to await before applying more when the warehouse has fallen behind, else undefined. The runner
   * awaits it, which stops reading the operation channel, which stops the connector (backpressure).
   */
  backlog(): Promise<void> | undefined;
  /**
   * Commits everything since the last checkpoint and writes `stateText` to files/state.json atomically. Records
   * applied while the promise is pending belong to the next checkpoint (the caller may go on applying; it awaits
   * this promise before the next checkpoint, rollback or rowsPerTable).
   */
  checkpoint(stateText: string): Promise<void>;
  /** Discards everything since the last checkpoint. */
  rollback(): Promise<void>;
  rowsPerTable(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

export type SinkOpener = (projectDir: string, opts: { reset?: boolean; naming?: Naming; onWarning?: (m: string) => void }) => Promise<WarehouseSink>;

/** The warehouse writer, loaded on first use so that `serve` does not load DuckDB before a run. */
export const openWarehouse: SinkOpener = async (projectDir, opts) => {
  const { WarehouseWriter } = await import("../warehouse/writer.js");
  return WarehouseWriter.open(projectDir, opts);
};

export { readState as readStartState, statePath as stateFile, warehouseLocation as warehouseFile } from "../warehouse/files.js";
