// Writer profile: the Node half of the sync benchmark without Python in the way. The harness's own encoder
// (src/runner/harness) writes the benchmark connector's 200,000 rows to a file once; then the time to parse the
// lines, apply them to WarehouseWriter and checkpoint every 50,000 is measured separately, so a change to the
// writer shows in rows/s with no pipe or process noise. Run after `npm run build`:
//   node scripts/bench/writer.mjs            BENCH_ROWS=50000 node scripts/bench/writer.mjs
//   BENCH_SHAPE=keyless                      a row shape of scripts/bench/sync/shapes.mjs (typed, strings, json, wide,
//                                            declared, keyless); "main", the default, is sync.mjs's main connector
//   BENCH_REPEAT=5                           the writer that many times on the same lines; medians reported
//   BENCH_DIST=/path/to/dist                 another build's writer (before/after comparisons)
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { harnessScript, SHAPES as ROW_SHAPES } from "./sync/shapes.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const REPEAT = Math.max(1, Number(process.env.BENCH_REPEAT ?? 1));
const DIST = process.env.BENCH_DIST ?? join(ROOT, "dist");

// The benchmark's main connector (scripts/bench/sync.mjs, CONNECTOR) as "main", and every row shape of
// scripts/bench/sync/shapes.mjs by its name.
const SHAPES = {
  main: {
    schema: `[{"table": "bench_rows", "primary_key": ["id"], "columns": {"id": "LONG", "amount": "DOUBLE", "created_at": "UTC_DATETIME"}}]`,
    row: `{"id": i, "name": "customer %d" % i, "email": "user%d@example.com" % i, "amount": i * 1.25,
        "quantity": i % 97, "active": i % 3 == 0, "score": (i % 1000) / 7.0, "category": CATEGORIES[i % 5],
        "created_at": "2024-01-%02dT%02d:%02d:00Z" % (i % 28 + 1, i % 24, i % 60), "note": "row %d of a benchmark sync" % i}`,
  },
  ...ROW_SHAPES,
};
const NAME = process.env.BENCH_SHAPE ?? "main";
const SHAPE = SHAPES[NAME];
if (!SHAPE) throw new Error(`BENCH_SHAPE: one of ${Object.keys(SHAPES).join(", ")}`);
const ROWS = Math.max(1, Math.floor(Number(process.env.BENCH_ROWS ?? 200_000) / (SHAPE.rowsDivisor ?? 1)));
const EVERY = Math.max(1, Math.floor(50_000 / (SHAPE.rowsDivisor ?? 1)));

const PY = harnessScript(SHAPE);

function median(xs) {
  const v = [...xs].sort((a, b) => a - b);
  return v[Math.floor((v.length - 1) / 2)];
}

const work = mkdtempSync(join(tmpdir(), "bench-writer-"));
try {
  const file = join(work, "ops.jsonl");
  execFileSync("python3", ["-c", PY, join(ROOT, "src", "runner", "harness"), file, String(ROWS), String(EVERY)]);
  const text = readFileSync(file, "utf8");
  const { WarehouseWriter } = await import(pathToFileURL(join(DIST, "src", "warehouse", "writer.js")).href);
  const runs = [];
  for (let n = 0; n < REPEAT; n++) runs.push(await once(WarehouseWriter, text, join(work, `project${n}`)));
  const f = (ms) => `${(ms / 1000).toFixed(2)} s`;
  const m = (k) => median(runs.map((r) => r[k]));
  process.stdout.write(
    `writer, ${NAME}${REPEAT > 1 ? ` (median of ${REPEAT})` : ""}: ${ROWS.toLocaleString("en-US")} rows in ${f(m("total"))} = ${Math.round(ROWS / (m("total") / 1000)).toLocaleString("en-US")} rows/s` +
      `, CPU ${f(m("cpu"))} (with closing the writer ${f(m("cpuClosed"))})` +
      ` (JSON.parse ${f(m("parse"))}, apply ${f(m("apply"))}, checkpoints ${f(m("checkpoint"))}, close ${f(m("close"))}); peak RSS ${(m("peakRss") / 2 ** 20).toFixed(0)} MB\n`,
  );
  if (REPEAT > 1) process.stdout.write(`  CPU with closing, each run: ${runs.map((r) => f(r.cpuClosed)).join(", ")}\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** One writer over the recorded lines, into a new connector folder: its times in ms. */
async function once(WarehouseWriter, text, project) {
  // The warehouse opens only in an existing connector folder.
  mkdirSync(project);
  const w = await WarehouseWriter.open(project);
  const shapes = [];
  let parse = 0;
  let apply = 0;
  let checkpoint = 0;
  let peakRss = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (const line of text.split("\n")) {
    if (!line) continue;
    const a = performance.now();
    const rec = JSON.parse(line);
    const b = performance.now();
    parse += b - a;
    if (rec.t === "checkpoint") {
      await w.checkpoint(rec.text);
      checkpoint += performance.now() - b;
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    } else if (rec.t === "upsert" || rec.t === "update" || rec.t === "delete") {
      // As the embedded runner does: applied at once, waiting only when DuckDB has fallen behind.
      w.row(rec.t, rec.table, shapes[rec.shape], rec.values, rec.schema, rec.id);
      const behind = w.backlog();
      if (behind) await behind;
      apply += performance.now() - b;
    } else if (rec.t === "rows") {
      for (let i = 0; i < rec.rows.length; i++) w.row(rec.op, rec.table, shapes[rec.shape], rec.rows[i], rec.schema, rec.ids?.[i]);
      const behind = w.backlog();
      if (behind) await behind;
      apply += performance.now() - b;
    } else if (rec.t === "shape") {
      shapes[rec.id] = rec;
    } else {
      await w.apply(rec);
      apply += performance.now() - b;
    }
  }
  const total = performance.now() - t0;
  // CPU time of the whole process (DuckDB's threads too): steadier than wall time on a busy machine.
  const cpu = process.cpuUsage(cpu0);
  const counts = await w.rowsPerTable();
  // Closing the writer (its last DuckDB checkpoint) is part of the cost.
  const c0 = performance.now();
  await w.close();
  const close = performance.now() - c0;
  const cpuClosed = process.cpuUsage(cpu0);
  if (counts.bench_rows !== ROWS) throw new Error(`wrote ${counts.bench_rows} rows, expected ${ROWS}`);
  peakRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);
  const ms = (c) => (c.user + c.system) / 1000;
  return { total, cpu: ms(cpu), cpuClosed: ms(cpuClosed), parse, apply, checkpoint, close, peakRss };
}
