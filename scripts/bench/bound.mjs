// Lower bound: how close to the floor any faithful run of each row shape can come on this machine, whatever the
// design between the connector and DuckDB. Issue 11 asks for every shape at most 2.0x the floor (sync.mjs); this
// script says whether that is reachable at all, from two parts no faithful design can drop:
//   Python half   the shape's rows through the harness's _channel (the SDK's checks and conversions at the call and,
//                 without a primary key, the SHA-1 of each row), written to /dev/null: no runner, no pipe, and the
//                 interpreter started directly (sync/shapes.mjs harnessScript());
//   DuckDB half   the same rows, already in DuckDB's memory, inserted into the table the SDK creates (its primary
//                 key included) one transaction per checkpoint, then the file closed with its checkpoint, as
//                 `fivetran debug` leaves it. The rows are the embedded engine's own result for the shape.
// The bound is max(Python wall, (Python CPU + DuckDB CPU before its tail) / cores) + DuckDB's tail (its last
// COMMIT and the close), since the last checkpoint cannot be written before the connector's last row. It leaves out
// everything else a run pays: Node's start, the channel, the parsing of the rows, the writer's bookkeeping. A second
// bound gives DuckDB the rows as newline-delimited JSON files read by its own reader (`read_json`), the cheapest
// transport from another process this script knows of. A third adds what the first two overlap but the SDK does not
// let overlap: the connector waits inside op.checkpoint() until its COMMIT is done (then state.json is written), so
// every COMMIT, not only the last, stands between two of its rows.
//   node scripts/bench/bound.mjs               every shape       BENCH_SHAPES=keyless,declared  some shapes
//   BENCH_BOUND_REPEAT=5                       runs of each part (default 3); medians reported
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { harnessScript, shapeConnector, SHAPES } from "./sync/shapes.mjs";

const HERE = fileURLToPath(new URL("./sync/", import.meta.url));
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const ROWS = Number(process.env.BENCH_ROWS ?? 200_000);
const REPEAT = Math.max(1, Number(process.env.BENCH_BOUND_REPEAT ?? 3));
const CORES = availableParallelism();
const only = process.env.BENCH_SHAPES ? process.env.BENCH_SHAPES.split(",") : Object.keys(SHAPES);
// As harness.mjs: the interpreter itself, not a version manager's shim in front of it (the runner caches it too).
const PYTHON = execFileSync("python3", ["-c", "import sys; print(sys.executable)"], { encoding: "utf8" }).trim();

const { runSync } = await import(pathToFileURL(join(ROOT, "dist", "src", "runner", "index.js")).href);
const { DuckDBInstance } = await import("@duckdb/node-api");

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/** Runs a command under sync/measure.py: its wall and CPU seconds, as the kernel counted them. */
function measured(cmd, args, env = process.env) {
  return new Promise((resolve, reject) => {
    const child = spawn("python3", [join(HERE, "measure.py"), cmd, ...args], { env, stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    child.stderr.on("data", (d) => (err += d));
    child.on("error", reject);
    child.on("close", () => {
      try {
        const m = JSON.parse(err.trim().split("\n").pop() ?? "");
        if (m.exitCode === 0) return resolve(m);
      } catch {
        // reported below
      }
      reject(new Error(`${cmd} ${args.slice(0, 2).join(" ")} failed:\n${err.slice(-3000)}`));
    });
  });
}

/**
 * DuckDB's half: a new file with the SDK's table (its CREATE read back from the embedded run's file), the rows
 * inserted a checkpoint at a time, each in its transaction, from `source(k)` (a FROM item), then the file closed.
 */
async function duckdbHalf(dbPath, createSql, prepare, source, checkpoints) {
  rmSync(dbPath, { force: true });
  const instance = await DuckDBInstance.create(dbPath);
  const conn = await instance.connect();
  await conn.run("SET TimeZone = 'UTC'");
  await prepare(conn);
  await conn.run("CREATE SCHEMA tester");
  await conn.run(createSql);
  const cpu0 = cpuNow();
  let tailStart = 0;
  let tailCpu = 0;
  // The wall seconds of every COMMIT but the last: the connector waits for each inside op.checkpoint().
  let commitsWall = 0;
  for (let k = 0; k < checkpoints; k++) {
    await conn.run("BEGIN TRANSACTION");
    await conn.run(`INSERT INTO tester.bench_rows SELECT * FROM ${source(k)}`);
    const commitStart = performance.now();
    if (k === checkpoints - 1) {
      tailStart = commitStart;
      tailCpu = cpuNow();
    }
    await conn.run("COMMIT");
    if (k < checkpoints - 1) commitsWall += (performance.now() - commitStart) / 1000;
  }
  const closeStart = performance.now();
  conn.closeSync();
  instance.closeSync();
  const end = cpuNow();
  const now = performance.now();
  return { bodyCpu: tailCpu - cpu0, tailWall: (now - tailStart) / 1000, closeWall: (now - closeStart) / 1000, commitsWall, cpu: end - cpu0 };
}

const work = mkdtempSync(join(tmpdir(), "bench-bound-"));
try {
  const pad = (s, n) => String(s).padEnd(n);
  const x = (s, floor) => `${s.toFixed(2)} (${(s / floor).toFixed(2)}x)`;
  process.stdout.write(
    `lower bound of a faithful run, ${ROWS.toLocaleString("en-US")} rows, ${CORES} cores, medians of ${REPEAT} (BENCH_BOUND_REPEAT); seconds and ratio to the floor\n` +
      `${pad("shape", 10)}${pad("floor", 7)}${pad("python wall/cpu", 17)}${pad("duckdb cpu+tail", 17)}${pad("commits/close", 16)}${pad("bound", 15)}${pad("bound, read_json", 18)}${pad("bound, commits", 18)}embedded (one run)\n`,
  );
  for (const name of only) {
    const shape = SHAPES[name];
    if (!shape) throw new Error(`BENCH_SHAPES: ${name} is not one of ${Object.keys(SHAPES).join(", ")}`);
    const rows = Math.max(1, Math.floor(ROWS / (shape.rowsDivisor ?? 1)));
    const every = Math.max(1, Math.floor(50_000 / (shape.rowsDivisor ?? 1)));
    const checkpoints = Math.ceil(rows / every);
    const dir = join(work, name, "bench_connector");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "connector.py"), shapeConnector(name));
    writeFileSync(join(dir, "configuration.json"), JSON.stringify({ rows: String(rows), checkpoint_every: String(every) }));

    // The embedded engine's run: its wall time, for comparison, and its file, whose table and rows the DuckDB half uses.
    const t0 = performance.now();
    const result = await runSync({ projectDir: dir, engine: "embedded", timeoutSeconds: 900 });
    const embedded = (performance.now() - t0) / 1000;
    if (result.status !== "succeeded") throw new Error(`the embedded run of ${name} did not succeed: ${result.status}`);

    const script = join(work, `harness_${name}.py`);
    writeFileSync(script, harnessScript(shape));
    const floors = [];
    const pythons = [];
    for (let n = 0; n < REPEAT; n++) {
      floors.push(await measured("python3", [join(HERE, "floor_driver.py"), dir], { ...process.env, PYTHONPATH: join(HERE, "fake_sdk") }));
      pythons.push(await measured(PYTHON, [script, join(ROOT, "src", "runner", "harness"), "/dev/null", String(rows), String(every)]));
    }
    const floor = median(floors.map((m) => m.wallSeconds));
    const pyWall = median(pythons.map((m) => m.wallSeconds));
    const pyCpu = median(pythons.map((m) => m.cpuSeconds));

    // The rows, numbered in the order the run stored them, and each checkpoint's slice as a JSON file.
    const runDb = join(dir, "files", "warehouse.db");
    let createSql = "";
    const loadRows = async (conn) => {
      await conn.run(`ATTACH '${runDb}' AS run (READ_ONLY)`);
      const reader = await conn.runAndReadAll("SELECT sql FROM duckdb_tables() WHERE database_name = 'run' AND schema_name = 'tester' AND table_name = 'bench_rows'");
      createSql = String(reader.getRows()[0][0]);
      await conn.run("CREATE TEMP TABLE src AS SELECT *, (row_number() OVER (ORDER BY rowid)) - 1 AS n__ FROM run.tester.bench_rows");
      await conn.run("DETACH run");
    };
    const slice = (k) => `src WHERE n__ >= ${k * every} AND n__ < ${(k + 1) * every}`;
    const inMemory = [];
    const fromJson = [];
    for (let n = 0; n < REPEAT; n++) {
      // The first open only reads the run's CREATE; each timed one then runs it against its new file.
      if (!createSql) {
        const probe = await DuckDBInstance.create(":memory:");
        const c = await probe.connect();
        await loadRows(c);
        for (let k = 0; k < checkpoints; k++) await c.run(`COPY (SELECT * EXCLUDE (n__) FROM ${slice(k)}) TO '${join(work, `${name}_${k}.json`)}' (FORMAT json)`);
        c.closeSync();
        probe.closeSync();
      }
      inMemory.push(await duckdbHalf(join(work, `${name}_mem.db`), createSql, loadRows, (k) => `(SELECT * EXCLUDE (n__) FROM ${slice(k)})`, checkpoints));
      // The columns are named with their types, as a writer that knows the table would name them.
      const types = await columnTypes(join(work, `${name}_mem.db`));
      fromJson.push(
        await duckdbHalf(
          join(work, `${name}_json.db`),
          createSql,
          async () => {},
          (k) => `read_json('${join(work, `${name}_${k}.json`)}', format = 'newline_delimited', columns = ${types})`,
          checkpoints,
        ),
      );
    }
    const bound = (d) => Math.max(pyWall, (pyCpu + median(d.map((r) => r.bodyCpu))) / CORES) + median(d.map((r) => r.tailWall));
    // The same, with the connector waiting for each COMMIT inside op.checkpoint(), as the SDK makes it wait: the rows
    // of a checkpoint may be inserted while the connector makes them, its COMMIT not.
    const waited = (d) => Math.max(pyWall + median(d.map((r) => r.commitsWall)), (pyCpu + median(d.map((r) => r.bodyCpu))) / CORES) + median(d.map((r) => r.tailWall));
    const mem = bound(inMemory);
    const json = bound(fromJson);
    const memWaited = waited(inMemory);
    process.stdout.write(
      `${pad(name, 10)}${pad(floor.toFixed(2), 7)}${pad(`${pyWall.toFixed(2)}/${pyCpu.toFixed(2)}`, 17)}` +
        `${pad(`${median(inMemory.map((r) => r.cpu)).toFixed(2)}+${median(inMemory.map((r) => r.tailWall)).toFixed(2)}`, 17)}` +
        `${pad(`${median(inMemory.map((r) => r.commitsWall)).toFixed(2)}/${median(inMemory.map((r) => r.closeWall)).toFixed(2)}`, 16)}` +
        `${pad(x(mem, floor), 15)}${pad(x(json, floor), 18)}${pad(x(memWaited, floor), 18)}${x(embedded, floor)}\n`,
    );
  }
  process.stdout.write(
    "  bound: Python half and DuckDB half alone, overlapped perfectly on the cores, nothing between them; a run's ratio cannot be below it.\n" +
      "  duckdb cpu+tail: the DuckDB half's CPU seconds (all of it) and its tail's wall seconds (last COMMIT and close).\n" +
      "  commits/close: the wall seconds of every COMMIT but the last, and of the close (part of the tail).\n" +
      "  bound, commits: as bound, but the connector waits for every COMMIT (in op.checkpoint(), as under the SDK), not only the last.\n",
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** `{name: 'TYPE', ...}` for read_json's columns: the table's columns in order, read from the file's catalog. */
async function columnTypes(dbPath) {
  const instance = await DuckDBInstance.create(dbPath);
  const conn = await instance.connect();
  try {
    const reader = await conn.runAndReadAll("SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = 'bench_rows' ORDER BY column_index");
    return `{${reader
      .getRows()
      .map(([c, t]) => `'${String(c).replaceAll("'", "''")}': '${t}'`)
      .join(", ")}}`;
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}
