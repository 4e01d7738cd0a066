import type { DuckDBConnection } from "@duckdb/node-api";
import { isNativeKind } from "../cells.js";
import { quote } from "../names.js";
import type { Cells, Columns, SyncTable } from "./batch.js";
import { qualified, sameSet, type TableSchemas } from "./ddl.js";
import { KEY_SEPARATOR, KeySet, looseKeys } from "./keys.js";
import type { Loader } from "./load.js";
import type { StoredFiles } from "./stored-files.js";
import { FILE_PATH, FIVETRAN_DELETED, FIVETRAN_SYNCED } from "./system.js";

/**
 * The most rows appended straight into a table at once (see upsertRows()): below the 204,800 rows at which DuckDB's
 * appender flushes by itself, so a value found unfit halfway leaves nothing appended.
 */
const DIRECT_MAX_ROWS = 100_000;

/** The transaction a write belongs to: see RowWriter.keepFirstClaims(). */
export interface TxWrite {
  /** The first `_fivetran_synced` time of the transaction's rows (microseconds). */
  start: number;
  /** The write comes before its checkpoint (a spill); later writes of the same transaction may follow. */
  early: boolean;
}

/** Row application: the SQL of upserts, updates (deletes are updates of `_fivetran_deleted`) and truncates. */
export class RowWriter {
  /** Side tables of RowWriter.claimsInSql(), by table, for the open transaction. */
  private readonly claimTables = new Map<SyncTable, { name: string; kinds: string[] }>();
  private claimSeq = 0;

  constructor(
    private readonly conn: DuckDBConnection,
    private readonly schemas: TableSchemas,
    private readonly loader: Loader,
    private readonly files: StoredFiles,
    /** Append rows of new keys straight into their table (WriterOptions.directAppend). */
    private readonly direct: boolean,
  ) {}

  /**
   * Writes upserted rows. `fresh`: none of their keys can be in the table (it was empty when the sync began and no
   * earlier batch of the sync upserted them). Then rows whose columns all load natively or as text are appended
   * straight into the table; otherwise they go through a staging table and INSERT ... ON CONFLICT. Both give the
   * table the same values (the appended ones are those the staging table would hold); the direct append skips a
   * copy of the rows and the conflict checks (about a fifth of a sync's CPU, scripts/bench/sync.mjs).
   * `rowKeys`: each row's key in memory (its batch's map key), by position of `rows`.
   */
  async upsertRows(t: SyncTable, types: Columns, rows: Cells[], rowKeys: string[], fresh: boolean, tx?: TxWrite): Promise<void> {
    if (!rows.length) return;
    const { schema, name: table, key } = t;
    const columns = [...types.keys()];
    this.schemas.touch(schema, table);
    let asText: number | undefined;
    const kinds = columns.map((c) => types.get(c)!);
    // Two keys that differ in memory may be one in the table (3 and 3.0 once the key is FLOAT): appended together
    // they would break the primary key, so such rows go through INSERT ... ON CONFLICT, which keeps the first
    // staged row of a key, as the SDK's does (see keys.ts castKey()).
    const unique = await this.castKeysUnique(t, types, rows, rowKeys, tx);
    if (tx && !t.hashedKey && t.castUnknown && (tx.early || this.claimTables.has(t))) await this.claimsInSql(t, types, rows, rowKeys);
    if (!rows.length) return;
    t.upsertedInTx = true;
    if (fresh && unique && this.direct && rows.length <= DIRECT_MAX_ROWS && kinds.every((k) => isNativeKind(k) || k === "VARCHAR")) {
      const at = columns.map((c) => t.index.get(c) ?? -1);
      const misfit = await this.loader.fill(
        { table, schema },
        kinds,
        at,
        kinds.map((k) => isNativeKind(k)),
        rows,
      );
      if (misfit < 0) {
        rows.length = 0;
        return;
      }
      // A value the column's native type does not take as it is (a timestamp with a fraction, say): that column
      // is loaded as text and CAST, which needs the staging table.
      asText = misfit;
    }
    // Which rows name `_fivetran_file_path`, read before staging empties `rows`: the SDK tracks a row's old file
    // only when the new record names the column (None included); a record that leaves it out keeps the file.
    const total = rows.length;
    const pathAt = columns.includes(FILE_PATH) ? (t.index.get(FILE_PATH) ?? -1) : -1;
    const naming = pathAt < 0 ? [] : rows.filter((r) => r[pathAt] !== undefined);
    const { from: staged, drop } = await this.loader.stage(t, columns, types, rows, asText);
    const names = columns.map(quote).join(", ");
    const target = qualified(schema, table);
    const keys = key.map(quote).join(", ");
    if (naming.length === total) await this.files.noteReplaced(t, staged);
    else if (naming.length) {
      // Some records leave the column out: the old files of the others only, read from a stage of their own.
      const own = await this.loader.stage(t, [...key, FILE_PATH], types, naming);
      await this.files.noteReplaced(t, own.from);
      await this.loader.release(own.drop);
    }
    if (sameSet(await this.schemas.primaryKey(schema, table), key)) {
      const set = columns
        .filter((c) => !key.includes(c))
        .map((c) => `${quote(c)} = EXCLUDED.${quote(c)}`)
        .join(", ");
      await this.conn.run(`INSERT INTO ${target} (${names}) SELECT ${names} FROM ${staged} ON CONFLICT (${keys}) ${set ? `DO UPDATE SET ${set}` : "DO NOTHING"}`);
    } else {
      // A table created without a key (its first rows came later) has nothing to conflict on.
      await this.conn.run(`DELETE FROM ${target} WHERE (${keys}) IN (SELECT ${keys} FROM ${staged})`);
      await this.conn.run(`INSERT INTO ${target} (${names}) SELECT ${names} FROM ${staged}`);
    }
    await this.loader.release(drop);
  }

  /**
   * Whether the rows' keys, cast to the key columns' types, are as distinct as their keys in memory, and meet no
   * row written earlier under another key in memory. Notes the rows whose cast key is not their key in memory.
   */
  private async castKeysUnique(t: SyncTable, types: Columns, rows: Cells[], rowKeys: string[], tx?: TxWrite): Promise<boolean> {
    // A table without a primary key is keyed by the text of _fivetran_id: its own cast.
    if (t.hashedKey) return true;
    const keyKinds = t.key.map((k) => types.get(k) ?? "");
    // A key column whose type changed since an earlier write (BIGINT to FLOAT to VARCHAR) holds its earlier rows in
    // the new type's text (1.0 reads "1.0" once VARCHAR), which the cast keys noted then do not say.
    const kinds = keyKinds.join("\0");
    if (t.keyKinds !== undefined && t.keyKinds !== kinds) t.castUnknown = true;
    t.keyKinds = kinds;
    const loose = t.castUnknown ? undefined : looseKeys(keyKinds, t.keyIndex, rows, rowKeys);
    if (!loose) {
      t.castUnknown = true;
      return false;
    }
    // Only a transaction with more than one write of the table can meet such keys in two writes.
    if (tx && (tx.early || t.upsertedInTx) && (loose.size || t.claims?.size)) await this.keepFirstClaims(t, types, rows, rowKeys, loose, tx.start);
    let unique = true;
    const written = t.looseWritten;
    if (written) for (const k of rowKeys) if (written.has(k)) unique = false;
    if (loose.size) {
      const inMemory = new Set(rowKeys);
      const cast = new Set<string>();
      for (const c of loose.values()) {
        // Another row of this write, a row an earlier write of this sync upserted, or a row written under another key.
        if (inMemory.has(c) || cast.has(c) || t.upserted.has(c) || written?.has(c)) unique = false;
        cast.add(c);
      }
      t.looseWritten ??= new KeySet();
      for (const c of cast) t.looseWritten.add(c);
    }
    return unique;
  }

  /**
   * Keys that differ in memory but are one key in the table (1 and True in a BIGINT key), upserted in two writes of
   * one transaction (spills): the SDK stages the checkpoint's rows once, and its INSERT ... ON CONFLICT keeps the
   * first of them, so a later write must not replace it. `t.claims` holds, for the transaction, the in-memory key that
   * first wrote each such cast key; rows of this write whose cast key another key claimed in an earlier write are
   * dropped from `rows` (within one write, INSERT ... ON CONFLICT keeps the first, as the SDK's). A cast key first
   * met here may have been written earlier in the transaction under its own text (1, before True came): the table
   * tells, by the row's `_fivetran_synced`. Runs only for tables with such keys (`loose`: rows whose cast key is not
   * their key in memory, by index).
   */
  private async keepFirstClaims(t: SyncTable, types: Columns, rows: Cells[], rowKeys: string[], loose: Map<number, string>, start: number): Promise<void> {
    const claims = (t.claims ??= new Map<string, string>());
    // Cast keys first met in this write that an earlier write of the transaction wrote under their own text.
    const inTx = new Set<string>();
    const columns = await this.schemas.columns(t.schema, t.name);
    // The cast keys this write's loose rows meet.
    const cast = new Set(loose.values());
    const unclaimed = [...cast].filter((c) => !claims.has(c));
    if (t.upsertedInTx && unclaimed.length && columns.has(FIVETRAN_SYNCED) && t.key.every((k) => columns.has(k))) {
      const text = (x: string) => `'${x.replace(/'/g, "''")}'`;
      const values = unclaimed.map((c, i) => `(${i}, ${(t.key.length === 1 ? [c] : c.split(KEY_SEPARATOR)).map(text).join(", ")})`).join(", ");
      const match = t.key.map((k, i) => `t.${quote(k)} = CAST(v.p${i} AS ${columns.get(k)!})`).join(" AND ");
      const r = await this.conn.runAndReadAll(
        `SELECT DISTINCT v.i FROM (VALUES ${values}) AS v(i, ${t.key.map((_, i) => `p${i}`).join(", ")}) JOIN ${qualified(t.schema, t.name)} t ON ${match} WHERE epoch_us(t.${quote(FIVETRAN_SYNCED)}) >= ${start}`,
      );
      for (const [i] of r.getRows()) inTx.add(unclaimed[Number(i)]);
    }
    /** Cast keys claimed by a row of this write (not an earlier one): DuckDB's ON CONFLICT decides among them. */
    const here = new Set<string>();
    const drop = new Set<number>();
    for (let r = 0; r < rows.length; r++) {
      const m = rowKeys[r];
      const c = loose.get(r) ?? m;
      const claimant = claims.get(c);
      if (claimant === undefined) {
        if (!loose.has(r)) {
          // A row under its own text, before rows of this write that meet it once cast: the first, so the claim.
          if (cast.has(m)) {
            claims.set(m, m);
            here.add(m);
          }
          continue;
        }
        claims.set(c, inTx.has(c) ? c : m);
        if (claims.get(c) === m) here.add(c);
        else if (m !== c) drop.add(r);
      } else if (claimant !== m) {
        // A later row of this write loses to the first in the INSERT itself; one of an earlier claim is dropped.
        if (!here.has(c)) drop.add(r);
        (t.lost ??= new Set()).add(m);
      }
    }
    dropRows(rows, rowKeys, drop);
  }

  /**
   * keepFirstClaims() for a table whose cast keys cannot be told here (a FLOAT key, or one whose type changed): the
   * keys of each write of the transaction are staged, cast by DuckDB, and kept with their key in memory in a side
   * table; a row whose cast key another key in memory wrote earlier in the transaction is dropped.
   */
  private async claimsInSql(t: SyncTable, types: Columns, rows: Cells[], rowKeys: string[]): Promise<void> {
    const n = t.key.length;
    const index = new Map<string, number>(t.key.map((k, i) => [k, i]));
    index.set("__mem", n);
    index.set("__n", n + 1);
    const keyRows: Cells[] = rows.map((row, r) => [...t.keyIndex.map((i) => row[i]), rowKeys[r], String(r)]);
    const kinds: Columns = new Map(t.key.map((k) => [k, types.get(k)!]));
    kinds.set("__mem", "VARCHAR");
    kinds.set("__n", "BIGINT");
    const { from, drop } = await this.loader.stage({ index } as SyncTable, [...t.key, "__mem", "__n"], kinds, keyRows);
    try {
      const keyKinds = t.key.map((k) => kinds.get(k)!);
      let claimed = this.claimTables.get(t);
      const skip = new Set<number>();
      if (claimed) {
        // A key column whose type changed since (BOOLEAN to BIGINT): its claims are converted as its values were.
        const changed = t.key.flatMap((_, i) => (claimed!.kinds[i] === keyKinds[i] ? [] : [`k${i} = CAST(TRY_CAST(TRY_CAST(k${i} AS ${claimed!.kinds[i]}) AS ${keyKinds[i]}) AS VARCHAR)`]));
        if (changed.length) await this.conn.run(`UPDATE ${claimed.name} SET ${changed.join(", ")}`);
        claimed.kinds = keyKinds;
        const same = t.key.map((k, i) => `s.${quote(k)} = CAST(c.k${i} AS ${keyKinds[i]})`).join(" AND ");
        const r = await this.conn.runAndReadAll(`SELECT DISTINCT s.__n FROM ${from} s JOIN ${claimed.name} c ON ${same} WHERE c.__mem <> s.__mem`);
        for (const [x] of r.getRows()) skip.add(Number(x));
      } else {
        claimed = { name: `claims_${(++this.claimSeq).toString(16).padStart(8, "0")}`, kinds: keyKinds };
        await this.conn.run(`CREATE TEMP TABLE ${claimed.name} (${t.key.map((_, i) => `k${i} VARCHAR`).join(", ")}, __mem VARCHAR)`);
        this.claimTables.set(t, claimed);
      }
      const table = claimed.name;
      const keys = t.key.map((k) => `CAST(s.${quote(k)} AS VARCHAR)`).join(", ");
      const same = t.key.map((k, i) => `s.${quote(k)} = CAST(c.k${i} AS ${kinds.get(k)!})`).join(" AND ");
      const partition = t.key.map((k) => `s.${quote(k)}`).join(", ");
      await this.conn.run(
        `INSERT INTO ${table} SELECT ${keys}, s.__mem FROM ${from} s WHERE NOT EXISTS (SELECT 1 FROM ${table} c WHERE ${same}) QUALIFY row_number() OVER (PARTITION BY ${partition} ORDER BY s.__n) = 1`,
      );
      // Keys in memory whose row loses to another key's, here or in an earlier write (see SyncTable.lost).
      const order = `PARTITION BY ${partition} ORDER BY s.__n`;
      const losers = await this.conn.runAndReadAll(`SELECT __mem FROM (SELECT s.__n, s.__mem, first_value(s.__mem) OVER (${order}) AS f FROM ${from} s) WHERE __mem <> f`);
      for (const [m] of losers.getRows()) (t.lost ??= new Set()).add(String(m));
      for (const r of skip) (t.lost ??= new Set()).add(rowKeys[r]);
      dropRows(rows, rowKeys, skip);
    } finally {
      await this.loader.release(drop);
    }
  }

  /** The transaction committed: its claim tables go (outside it, so DuckDB frees them). */
  async committed(): Promise<void> {
    const tables = [...this.claimTables.values()].map((c) => c.name);
    this.claimTables.clear();
    for (const name of tables) await this.conn.run(`DROP TABLE IF EXISTS ${name}`).catch(() => {});
  }

  /** The transaction rolled back, and its claim tables with it. */
  rolledBack(): void {
    this.claimTables.clear();
  }

  /**
   * `before`: runs on each group's staging table (and its columns) before the group's UPDATE. `start`: the open
   * transaction's first `_fivetran_synced` time, for a write before its checkpoint.
   */
  async updateRows(t: SyncTable, types: Columns, rows: Cells[], before?: (staged: string, columns: string[]) => Promise<void>, start?: number): Promise<void> {
    const { schema, name: table, key } = t;
    if (!rows.length || key.some((k) => !types.has(k))) return;
    const groups = new Map<string, { columns: string[]; rows: Cells[] }>();
    const at = [...types.keys()].map((c) => [c, t.index.get(c) ?? -1] as const);
    for (const row of rows) {
      const columns = at.filter(([, i]) => i >= 0 && row[i] !== undefined).map(([c]) => c);
      const id = columns.join("\0");
      let g = groups.get(id);
      if (!g) groups.set(id, (g = { columns, rows: [] }));
      g.rows.push(row);
    }
    const target = qualified(schema, table);
    this.schemas.touch(schema, table);
    for (const { columns, rows: group } of groups.values()) {
      if (columns.every((c) => key.includes(c))) continue;
      const { from: staged, drop } = await this.loader.stage(t, columns, types, group);
      if (columns.includes(FILE_PATH)) await this.files.noteReplaced(t, staged);
      if (before) await before(staged, columns);
      const set = columns
        .filter((c) => !key.includes(c))
        .map((c) => `${quote(c)} = s.${quote(c)}`)
        .join(", ");
      const match = key.map((k) => `${target}.${quote(k)} = s.${quote(k)}`).join(" AND ");
      let sql = `UPDATE ${target} SET ${set} FROM ${staged} s WHERE ${match}`;
      // As the SDK's, the statement names the table unaliased beside the staging table's alias s: for a table named
      // "s" DuckDB refuses it as ambiguous and the sync fails (SDK 3.0.0 too). There, an update of a row the same
      // checkpoint upserted never reaches the statement (it merges into the upsert in memory): where every staged
      // row is one this transaction wrote early, the statement runs aliased (261).
      if (start !== undefined && table.toLowerCase() === "s") {
        const on = key.map((k) => `t.${quote(k)} = s.${quote(k)}`).join(" AND ");
        const r = await this.conn.runAndReadAll(`SELECT count(*) FROM ${staged} s WHERE NOT EXISTS (SELECT 1 FROM ${target} t WHERE ${on} AND epoch_us(t.${quote(FIVETRAN_SYNCED)}) >= ${start})`);
        if (Number(r.getRows()[0][0]) === 0) sql = `UPDATE ${target} AS t SET ${set} FROM ${staged} s WHERE ${on}`;
      }
      await this.conn.run(sql);
      await this.loader.release(drop);
    }
  }

  /** A truncate: the rows synced before `before` are marked deleted (after this write's rows, synced before it too). */
  async markDeletedBefore(t: SyncTable, before: string): Promise<void> {
    if (!(await this.schemas.columns(t.schema, t.name)).has(FIVETRAN_DELETED)) await this.schemas.alter(t.schema, t.name, new Map(), [[FIVETRAN_DELETED, "BOOLEAN"]]);
    this.schemas.touch(t.schema, t.name);
    await this.conn.run(`UPDATE ${qualified(t.schema, t.name)} SET ${quote(FIVETRAN_DELETED)} = TRUE WHERE ${quote(FIVETRAN_SYNCED)} < '${before}'::TIMESTAMPTZ`);
  }
}

/** Removes the rows at the positions `drop` from `rows` and their keys from `rowKeys`, in place, keeping the order. */
function dropRows(rows: Cells[], rowKeys: string[], drop: ReadonlySet<number>): void {
  if (!drop.size) return;
  let w = 0;
  for (let r = 0; r < rows.length; r++) {
    if (drop.has(r)) continue;
    rows[w] = rows[r];
    rowKeys[w++] = rowKeys[r];
  }
  rows.length = rowKeys.length = w;
}
