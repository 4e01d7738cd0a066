import { ToolError } from "../errors.js";
import type { ProjectRef } from "../warehouse/files.js";
import { ConnectorProject } from "../workspace/project.js";
import type { ChannelRecord, RowRecord, WireValue } from "../protocol.js";

/**
 * What the runner needs from the warehouse (src/warehouse/writer.ts, owned by the warehouse code): apply
 * operations, commit at checkpoints, roll back on failure. Kept as an interface so the runner depends on the
 * contract, not on DuckDB.
 */
export interface WarehouseSink {
  /** Applies schema/upsert/update/delete/truncate; returns the number of schema changes it made. */
  apply(rec: ChannelRecord): Promise<number>;
  /**
   * Optional: applies an upsert, update or delete at once, without a promise (the hot path of a sync). Throws
   * what `apply` would reject with.
   */
  applyNow?(rec: RowRecord): void;
  /** Optional: the same for a row given as column names and their values (the harness's `shape` rows). */
  applyRow?(op: RowRecord["t"], table: string, names: readonly string[], values: readonly WireValue[], schema?: string): void;
  /**
   * Optional: a promise to await before applying more when the warehouse has fallen behind, else undefined. The
   * runner awaits it, which stops reading the operation channel, which stops the connector (backpressure).
   */
  backlog?(): Promise<void> | undefined;
  /**
   * Commits everything since the last checkpoint and writes files/state.json atomically. Records applied while
   * the promise is pending belong to the next checkpoint (the caller may go on applying; it awaits this promise
   * before the next checkpoint, rollback or rowsPerTable).
   */
  checkpoint(state: Record<string, unknown>): Promise<void>;
  /** Discards everything since the last checkpoint. */
  rollback(): Promise<void>;
  rowsPerTable(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

export type SinkOpener = (projectDir: string, opts: { reset?: boolean; onWarning?: (m: string) => void }) => Promise<WarehouseSink>;

/** The warehouse writer, loaded on first use so that `serve` does not load DuckDB before a run. */
export const openWarehouse: SinkOpener = async (projectDir, opts) => {
  const { WarehouseWriter } = await import("../warehouse/writer.js");
  return WarehouseWriter.open(projectDir, opts);
};

export { readState as readStartState, statePath as stateFile, warehousePath as warehouseFile } from "../warehouse/files.js";

/** configuration.json as `fivetran debug` reads it (the override wins); undefined when there is none. */
export function readConfiguration(projectDir: ProjectRef, override?: Record<string, unknown>): Record<string, unknown> | undefined {
  if (override !== undefined) return override;
  // Security: read through the project layer, so a configuration.json linking out of the folder is refused.
  const text = ConnectorProject.of(projectDir).readText("configuration.json");
  if (text === undefined || text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch (e) {
    throw new ToolError(
      "configuration",
      `Configuration must be provided as a JSON file. Please check your input. (configuration.json: ${(e as Error).message})`,
      "Make configuration.json one JSON object of string values, e.g. {\"api_key\": \"...\"}.",
      "configuration.json",
    );
  }
}
