import type { DuckDBConnection } from "@duckdb/node-api";
import { FloatCell, stageText, widerType, type Cell, type PythonDigits } from "../cells.js";
import { quote } from "../names.js";
import type { Cells, Columns, SyncTable } from "./batch.js";
import { converted, qualified } from "./ddl.js";
import { earlyWriteRemedy, sourceName } from "./hints.js";
import { castExpr, type Loader } from "./load.js";
import { FIVETRAN_DELETED, FIVETRAN_ID, FIVETRAN_SYNCED, TSTZ } from "./system.js";

// Cells written early (a spill) into a column whose type widens later in the same checkpoint. The SDK writes a
// checkpoint's rows once, with the type all of them give the column, converting each cell as sent; the rows written
// early hold their column's type of then (true in BIGINT reads 1, a timestamp's text is DuckDB's text of it, 0.1 in
// FLOAT lost its digits), and an ALTER converts those values, not the cells. So the rows written early keep enough of
// their cells to be converted as the SDK converts them when the column widens:
// - most cells of a column read back exactly from their stored value, by one rule per column: a timestamp sent as
//   `2024-01-01T00:00:00Z` is strftime() of its value, an integer the text of its value. The first cell of a column
//   in the open transaction picks the column's form (formOf()); the cells of that form are kept nowhere;
// - the other cells (another form, a boolean in a BIGINT column, "" in a typed column) are kept in a side table of
//   their table, as the texts the SDK would load for VARCHAR, JSON and DOUBLE, keyed by the row's key and its
//   `_fivetran_synced` (a row rewritten since has another, so an entry never outlives the write that made it);
// - when such a column widens inside the transaction, the rows written in it (`_fivetran_synced` past the start of the
//   transaction) get the SDK's values: entries first, the others read by the column's form; rows of earlier
//   checkpoints keep the ALTER's conversion (`fivetran debug` ALTERs them too), and so do rows an early update
//   changed without naming the column (an entry marks them, COMMITTED).
// Only inferred columns take part (a declared column's type never changes) and only writes before the checkpoint:
// a sync that checkpoints every 4,096 operations writes no row early and none of this runs.

/** Forms of the cells of a column: how a regular cell's VARCHAR text reads back from its stored value. */
const Form = { BoolWord: 1, BoolLetter: 2, Int: 3, FloatCell: 4, NumText: 5, Date: 6, TimeT: 7, TimeSpace: 8, TimeTz: 9, Text: 10, Blob: 11 } as const;
/** A cell that no form reads back: it gets an entry. */
const IRREGULAR = -1;
/** Added to a FLOAT column's form: the cell reads back as text, but not as DOUBLE (0.1 in FLOAT). */
const INEXACT = 64;

/** Entry fields, as bits of its mask. */
const V = 1;
const J = 2;
const D = 4;
/** The row's value in the column is an earlier checkpoint's: an ALTER converts it as the SDK's does. */
const COMMITTED = 8;

type FormReader = (cell: Cell) => number;

// How the form of a non-null cell stored in a column of each type is read (IRREGULAR: none): one plain function per
// type, picked once per column and write, so that a cell costs a few character tests.
const readBoolean: FormReader = (cell) => (cell === "true" || cell === "false" ? Form.BoolWord : cell === "t" || cell === "f" ? Form.BoolLetter : IRREGULAR);
// The canonical text of an integer is what CAST(value AS VARCHAR) gives back; a boolean word is not one.
const readBigint: FormReader = (cell) => (typeof cell === "string" && cell.length <= 18 && canonicalInteger(cell) ? Form.Int : IRREGULAR);
const readFloat: FormReader = (cell) => {
  if (typeof cell === "string") {
    const n = Number(cell);
    return plainDecimal(cell) && Math.fround(n) === n ? Form.NumText : IRREGULAR;
  }
  // A float whose text the connector's decimal context decided (356) does not read back from its stored value.
  if (!(cell instanceof FloatCell) || cell.java !== undefined || cell.refused !== undefined) return IRREGULAR;
  const v = cell.value;
  // Java's Float.toString and DuckDB's text of a FLOAT agree between 10^-3 and 10^7 (both the shortest digits).
  // -0.0 reads back as 0.0 from a FLOAT: the SDK's text keeps the sign.
  if (!cell.single || !plainFloat(v) || Object.is(v, -0)) return IRREGULAR;
  return Math.fround(v) === v ? Form.FloatCell : Form.FloatCell + INEXACT;
};
const readDouble: FormReader = (cell) => {
  if (typeof cell === "string") return plainDecimal(cell) ? Form.NumText : IRREGULAR;
  // A 32-bit float in a DOUBLE column: its text is the float's, the value the double's; whole numbers agree.
  return cell instanceof FloatCell && cell.java === undefined && cell.refused === undefined && plainFloat(cell.value) && Number.isInteger(cell.value) && !Object.is(cell.value, -0)
    ? Form.FloatCell
    : IRREGULAR;
};
// Year 0 is DuckDB's 1 BC: its text reads "0001-01-01 (BC)", not the year sent.
const yearZero = (s: string) => s.startsWith("0000");
const readDate: FormReader = (cell) => (typeof cell === "string" && cell.length === 10 && !yearZero(cell) ? Form.Date : IRREGULAR);
const readTimestamp: FormReader = (cell) => {
  if (typeof cell !== "string" || cell.length !== 19 || yearZero(cell)) return IRREGULAR;
  const sep = cell.charCodeAt(10);
  return sep === 84 ? Form.TimeT : sep === 32 ? Form.TimeSpace : IRREGULAR;
};
const readTstz: FormReader = (cell) => (typeof cell === "string" && cell.length === 20 && cell.charCodeAt(10) === 84 && cell.charCodeAt(19) === 90 && !yearZero(cell) ? Form.TimeTz : IRREGULAR);
const readVarchar: FormReader = (cell) => (typeof cell === "string" || Buffer.isBuffer(cell) ? Form.Text : IRREGULAR);
const readBlob: FormReader = (cell) => (Buffer.isBuffer(cell) ? Form.Blob : IRREGULAR);
const readNone: FormReader = () => IRREGULAR;
const READERS: Record<string, FormReader> = {
  BOOLEAN: readBoolean,
  BIGINT: readBigint,
  FLOAT: readFloat,
  DOUBLE: readDouble,
  DATE: readDate,
  TIMESTAMP: readTimestamp,
  [TSTZ]: readTstz,
  VARCHAR: readVarchar,
  BLOB: readBlob,
};

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * "0", or digits without a leading zero, after an optional minus. The cells of a BIGINT column are integers' text
 * (digits after an optional minus) or boolean words, so the first characters tell.
 */
function canonicalInteger(s: string): boolean {
  if (s === "0") return true;
  const c = s.charCodeAt(0);
  if (c === 45) {
    const d = s.charCodeAt(1);
    return d >= 49 && d <= 57;
  }
  return c >= 49 && c <= 57;
}

/**
 * Text that is the shortest decimal of its double and that DuckDB's CAST(value AS VARCHAR) writes the same: plain
 * digits with a fraction that ends in 1-9, at most 15 significant digits (any two such decimals are two doubles),
 * between 10^-3 and 10^7 (where neither writes an exponent).
 */
function plainDecimal(s: string): boolean {
  let i = s.charCodeAt(0) === 45 ? 1 : 0;
  const start = i;
  while (i < s.length && isDigit(s.charCodeAt(i))) i++;
  const whole = i - start;
  if (whole === 0 || whole > 7 || (whole > 1 && s.charCodeAt(start) === 48) || s.charCodeAt(i) !== 46 || i + 1 >= s.length) return false;
  const dot = i;
  for (i++; i < s.length; i++) if (!isDigit(s.charCodeAt(i))) return false;
  if (s.charCodeAt(s.length - 1) === 48) return false;
  let significant = whole + (s.length - dot - 1);
  if (whole === 1 && s.charCodeAt(start) === 48) {
    // 0.00x at the least; the zeros after the point are not significant.
    let z = dot + 1;
    while (s.charCodeAt(z) === 48) z++;
    if (z - dot - 1 > 2) return false;
    significant = s.length - z;
  }
  return significant <= 15;
}

const NUMERIC = new Set(["BOOLEAN", "BIGINT", "FLOAT", "DOUBLE"]);

function plainFloat(v: number): boolean {
  const a = Math.abs(v);
  return a === 0 || (a >= 1e-3 && a < 1e7);
}

/** The SDK's VARCHAR text of a column's regular cells, from their stored value `x` (SQL). */
function textOf(form: number, x: string): string {
  switch (form & ~INEXACT) {
    case Form.BoolLetter:
      return `CASE WHEN ${x} THEN 't' ELSE 'f' END`;
    case Form.TimeT:
      return `strftime(${x}, '%Y-%m-%dT%H:%M:%S')`;
    case Form.TimeSpace:
      return `strftime(${x}, '%Y-%m-%d %H:%M:%S')`;
    case Form.TimeTz:
      return `strftime(${x}, '%Y-%m-%dT%H:%M:%SZ')`;
    case Form.Text:
      return x;
    case Form.Blob:
      return `to_base64(${x})`;
    default:
      return `CAST(${x} AS VARCHAR)`;
  }
}

/** The SDK's JSON text of a column's regular cells: a float's text is a JSON number, any other text a JSON string. */
function jsonOf(form: number, x: string): string {
  if ((form & ~INEXACT) === Form.FloatCell) return textOf(form, x);
  if (form === Form.Text) return `CASE WHEN ${x} = '' THEN NULL ELSE CAST(to_json(${x}) AS VARCHAR) END`;
  return `CAST(to_json(${textOf(form, x)}) AS VARCHAR)`;
}

/** The side table's columns after the key's. */
const COL = "__col";
const AT = "__at";
const MASK = "__mask";
const FIELDS: Record<number, string> = { [V]: "__v", [J]: "__j", [D]: "__d" };

/** What the open transaction keeps of a table's early cells. */
interface TableEarly {
  /** The side table (temp), once an entry was made. */
  table?: string;
  /** Each tracked column's form, from its first regular cell of the transaction. */
  forms: Map<string, number>;
  /**
   * FLOAT columns with a float of the transaction that FLOAT does not hold exactly (0.1): kept nowhere, since that is
   * most floats of most syncs (an entry each took the writer about 40% more CPU on the typed bench shape); such a column widened to DOUBLE in the
   * same transaction holds the FLOAT's digits (see beforeWiden()).
   */
  inexact?: Set<string>;
  /**
   * Columns widened in the transaction, with their type at its start and a copy of the values the rows of earlier
   * checkpoints hold in it then: a second widening converts those from the copy, in one step, as the SDK's one ALTER
   * does (BOOLEAN to JSON is `true`; through FLOAT and VARCHAR it would be "1.0").
   */
  orig?: Map<string, { table: string; from: string }>;
}

/** Early cells of the open transaction, by table (see the top of this file). */
export class EarlyCells {
  private readonly tables = new Map<SyncTable, TableEarly>();
  private seq = 0;
  /** The first `_fivetran_synced` time of the open transaction's rows (microseconds): older rows are committed. */
  txStart = 0;

  constructor(
    private readonly conn: DuckDBConnection,
    private readonly loader: Loader,
    /**
     * Floats written early into FLOAT whose column widens to DOUBLE: they hold FLOAT's digits. Called with the
     * warning; the writer writes the transaction again instead when it can (WarehouseWriter.replay()).
     */
    private readonly onInexact: (warning: string) => void,
    /** Operations held before an early write (for the warning's text). */
    private readonly spillRows: number,
    /** The sync's digits past ASCII (cells.ts, PythonDigits). */
    private readonly digits: PythonDigits,
  ) {}

  /** Columns whose cells take part: inferred, neither key nor system column, and able to widen. */
  private tracked(t: SyncTable, types: Columns): [string, number, string][] {
    const out: [string, number, string][] = [];
    for (const [c, kind] of types) {
      if (kind === "JSON" || t.declared.has(c) || t.key.includes(c) || c === FIVETRAN_SYNCED || c === FIVETRAN_DELETED || c === FIVETRAN_ID) continue;
      const i = t.index.get(c);
      if (i !== undefined) out.push([c, i, kind]);
    }
    return out;
  }

  /**
   * Rows about to be written early (before their checkpoint), typed as `types`: notes each tracked column's form
   * and keeps an entry for each cell that its form does not read back. `named`: the rows are updates, whose
   * undefined cells leave the column as it is.
   */
  async record(t: SyncTable, types: Columns, rows: readonly Cells[]): Promise<void> {
    if (t.hashedKey && !types.has(FIVETRAN_ID)) return;
    const cols = this.tracked(t, types);
    if (!cols.length || !rows.length) return;
    let e = this.tables.get(t);
    if (!e) this.tables.set(t, (e = { forms: new Map() }));
    const forms = e.forms;
    const keyKinds = t.key.map((k) => types.get(k)!);
    const entries: Cells[] = [];
    // Column by column: a column's type and form are looked up once, and text in a VARCHAR column (most cells of
    // most syncs) needs no look at all.
    for (const [c, i, kind] of cols) {
      let known = forms.get(c);
      if (kind === "VARCHAR" && (known === undefined || known === Form.Text)) {
        // Text (and NULL) only: nothing to keep. A float or bytes in the column takes the general path below.
        if (rows.every((row) => row[i] === null || typeof row[i] !== "object")) {
          if (known === undefined && rows.some((row) => typeof row[i] === "string")) forms.set(c, Form.Text);
          continue;
        }
      }
      let inexact = false;
      const formOf = READERS[kind] ?? readNone;
      for (const row of rows) {
        const cell = row[i];
        if (cell === undefined || cell === null || typeof cell === "number") continue;
        let form = formOf(cell);
        if (form !== IRREGULAR) {
          const base = form & ~INEXACT;
          if (known === undefined) forms.set(c, (known = base));
          if (known !== base) form = IRREGULAR;
          else if (form & INEXACT) inexact = true;
        }
        if (form !== IRREGULAR) continue;
        const at = row[t.syncedIndex];
        const entry: Cells = t.keyIndex.map((k, n) => keyText(row[k], keyKinds[n], this.digits));
        entry.push(
          c,
          typeof at === "number" ? String(at) : null,
          String(V | J | D),
          stageText(cell, "VARCHAR"),
          stageText(cell, "JSON"),
          NUMERIC.has(kind) ? stageText(cell, "DOUBLE", this.digits) : null,
        );
        entries.push(entry);
      }
      if (inexact) (e.inexact ??= new Set()).add(c);
    }
    if (!entries.length) return;
    const table = await this.sideTable(t, e);
    const width = t.key.length + 6;
    const kinds = Array.from({ length: width }, () => "VARCHAR");
    await this.loader.fill(
      { table, schema: "main", catalog: "temp" },
      kinds,
      kinds.map((_, n) => n),
      kinds.map(() => false),
      entries,
    );
  }

  private async sideTable(t: SyncTable, e: TableEarly): Promise<string> {
    if (e.table) return e.table;
    const name = `early_${(++this.seq).toString(16).padStart(8, "0")}`;
    const keys = t.key.map((_, n) => `k${n} VARCHAR`).join(", ");
    await this.conn.run(`CREATE TEMP TABLE ${name} (${keys}, ${COL} VARCHAR, ${AT} VARCHAR, ${MASK} VARCHAR, __v VARCHAR, __j VARCHAR, __d VARCHAR)`);
    e.table = name;
    return name;
  }

  /** The join of a side table `s` with the table's rows `t`: same key, and the entry made by the row's last write. */
  private match(t: SyncTable, types: Columns, side = "s", target = "t"): string {
    const keys = t.key.map((k, n) => `${target}.${quote(k)} = ${castExpr(`${side}.k${n}`, types.get(k) ?? "VARCHAR", true)}`);
    return [...keys, `CAST(${side}.${AT} AS BIGINT) = epoch_us(${target}.${quote(FIVETRAN_SYNCED)})`].join(" AND ");
  }

  /**
   * Updates about to be written early from the staging table `staged` (columns `columns`): entries of the columns
   * they leave as they are follow the row to its new `_fivetran_synced`, and a row of an earlier checkpoint gets a
   * COMMITTED entry for each tracked column they leave, which keeps its value the ALTER's.
   */
  async beforeUpdate(t: SyncTable, types: Columns, staged: string, columns: string[]): Promise<void> {
    if (t.hashedKey) return;
    const left = this.tracked(t, types).filter(([c]) => !columns.includes(c));
    if (!left.length) return;
    let e = this.tables.get(t);
    if (!e) this.tables.set(t, (e = { forms: new Map() }));
    const target = qualified(t.schema, t.name);
    const same = t.key.map((k) => `t.${quote(k)} = s.${quote(k)}`).join(" AND ");
    const synced = `epoch_us(s.${quote(FIVETRAN_SYNCED)})`;
    if (e.table) {
      const list = left.map(([c]) => sqlText(c)).join(", ");
      await this.conn.run(`UPDATE ${e.table} AS e SET ${AT} = CAST(${synced} AS VARCHAR) FROM ${staged} s, ${target} t WHERE ${same} AND ${this.match(t, types, "e", "t")} AND e.${COL} IN (${list})`);
    }
    const table = await this.sideTable(t, e);
    const keys = t.key.map((k) => `CAST(s.${quote(k)} AS VARCHAR)`).join(", ");
    const cols = left.map(([c]) => `(${sqlText(c)})`).join(", ");
    await this.conn.run(
      `INSERT INTO ${table} SELECT ${keys}, c.col, CAST(${synced} AS VARCHAR), '${COMMITTED}', NULL, NULL, NULL FROM ${staged} s JOIN ${target} t ON ${same} CROSS JOIN (VALUES ${cols}) AS c(col) WHERE epoch_us(t.${quote(FIVETRAN_SYNCED)}) < ${this.txStart}`,
    );
  }

  /**
   * Before `ensureTable` widens columns of a table written early in this transaction (`existing` to `wanted`):
   * returns what to run after it, which gives the rows written in the transaction the SDK's values.
   */
  async beforeWiden(t: SyncTable, existing: Columns, wanted: Columns, final: boolean): Promise<(() => Promise<void>) | undefined> {
    if (t.hashedKey && !existing.has(FIVETRAN_ID)) return undefined;
    let e = this.tables.get(t);
    // The checkpoint's own write, with nothing of the transaction written before it: one ALTER, as the SDK's.
    if (!e && final) return undefined;
    if (!e) this.tables.set(t, (e = { forms: new Map() }));
    const widening: [string, string, string][] = [];
    for (const [c, , from] of this.tracked(t, existing)) {
      const kind = wanted.get(c);
      if (kind === undefined || kind === from) continue;
      const to = widerType(from, kind);
      if (to && to !== from) widening.push([c, from, to]);
    }
    if (!widening.length) return undefined;
    const table = await this.sideTable(t, e);
    const target = qualified(t.schema, t.name);
    const fresh = `epoch_us(t.${quote(FIVETRAN_SYNCED)}) >= ${this.txStart}`;
    // Rows whose value in the column is an earlier checkpoint's: not written in the transaction, or marked so.
    const committed = (c: string, types: Columns) =>
      `(NOT ${fresh} OR EXISTS (SELECT 1 FROM ${table} s WHERE ${this.match(t, types)} AND s.${COL} = ${sqlText(c)} AND CAST(s.${MASK} AS INTEGER) = ${COMMITTED}))`;
    const again: [string, { table: string; from: string }, string][] = [];
    for (const [c, from, to] of widening) {
      const orig = e.orig?.get(c);
      if (orig) again.push([c, orig, to]);
      else if (!final) {
        // A later write of the transaction may widen the column again: the values of earlier checkpoints are kept
        // in this type first (only here, past a spill, and once per column and transaction).
        const name = `orig_${(++this.seq).toString(16).padStart(8, "0")}`;
        const keys = t.key.map((k) => `t.${quote(k)}`).join(", ");
        await this.conn.run(`CREATE TEMP TABLE ${name} AS SELECT ${keys}, t.${quote(c)} AS __v FROM ${target} t WHERE ${committed(c, existing)}`);
        (e.orig ??= new Map()).set(c, { table: name, from });
      }
    }
    for (const [c, from, to] of widening) {
      if (from === "FLOAT" && to === "DOUBLE" && e.inexact?.has(c)) {
        this.onInexact(
          `column ${c} of table ${t.name} changed type from FLOAT to DOUBLE after rows of this checkpoint were written to the warehouse early (past ${this.spillRows.toLocaleString("en-US")} operations since the last checkpoint), and the checkpoint was too large to write again: their floats hold FLOAT's digits (0.1 reads 0.10000000149011612), where \`fivetran debug\` stores the floats as sent (docs/fidelity.md, known differences). ${earlyWriteRemedy(this.spillRows, [[sourceName(t, c), "DOUBLE"]])}`,
        );
      }
      e.inexact?.delete(c);
      const form = e.forms.get(c);
      e.forms.delete(c);
      if (form === undefined) continue;
      // The rows of the transaction whose cell was of the column's form get entries now, read from their values of
      // this type (after the ALTER they would read as the new type's): then every such row has one.
      const x = `t.${quote(c)}`;
      const keys = t.key.map((k) => `CAST(t.${quote(k)} AS VARCHAR)`).join(", ");
      const double = from === "FLOAT" || from === "DOUBLE" || from === "BIGINT" || from === "BOOLEAN" ? `CAST(CAST(${x} AS DOUBLE) AS VARCHAR)` : "NULL";
      await this.conn.run(
        `INSERT INTO ${table} SELECT ${keys}, ${sqlText(c)}, CAST(epoch_us(t.${quote(FIVETRAN_SYNCED)}) AS VARCHAR), '${V | J | D}', ${textOf(form, x)}, ${jsonOf(form, x)}, ${double} FROM ${target} t WHERE ${fresh} AND ${x} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${table} s WHERE ${this.match(t, existing)} AND s.${COL} = ${sqlText(c)})`,
      );
    }
    return async () => {
      const now = await this.columnsOf(t);
      for (const [c, orig, to] of again) {
        if (now.get(c) !== to) continue;
        const same = t.key.map((k) => `t.${quote(k)} = o.${quote(k)}`).join(" AND ");
        await this.conn.run(`UPDATE ${target} AS t SET ${quote(c)} = ${converted(orig.from, to, "o.__v", true)} FROM ${orig.table} o WHERE ${same} AND ${committed(c, now)}`);
      }
      for (const [c, , to] of widening) {
        const bit = to === "VARCHAR" ? V : to === "JSON" ? J : to === "DOUBLE" ? D : 0;
        if (!bit || now.get(c) !== to) continue;
        await this.conn.run(
          `UPDATE ${target} AS t SET ${quote(c)} = CAST(s.${FIELDS[bit]} AS ${to}) FROM ${table} s WHERE ${this.match(t, now)} AND s.${COL} = ${sqlText(c)} AND (CAST(s.${MASK} AS INTEGER) & ${bit}) <> 0 AND ${fresh}`,
        );
      }
    };
  }

  private async columnsOf(t: SyncTable): Promise<Columns> {
    const r = await this.conn.runAndReadAll("SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position", [t.schema, t.name]);
    return new Map(r.getRows().map((row) => [String(row[0]), String(row[1])]));
  }

  /** The transaction committed: its side tables go (outside it, so DuckDB frees them). */
  async committed(): Promise<void> {
    const tables = [...this.tables.values()].flatMap((e) => [...(e.table ? [e.table] : []), ...[...(e.orig?.values() ?? [])].map((o) => o.table)]);
    this.tables.clear();
    for (const name of tables) await this.conn.run(`DROP TABLE IF EXISTS ${name}`).catch(() => {});
  }

  /** The transaction rolled back, and its side tables with it. */
  rolledBack(): void {
    this.tables.clear();
  }
}

function sqlText(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** A key cell as the text its column's CAST reads back. */
function keyText(cell: Cells[number], kind: string, digits: PythonDigits): string | null {
  if (cell === undefined || cell === null) return null;
  if (typeof cell === "number") return String(cell);
  return stageText(cell, kind, digits);
}
