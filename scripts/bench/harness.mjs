// Harness profile: the Python half of the sync benchmark, counted in instructions (valgrind's cachegrind) instead of
// seconds. On the shared two-core machine this project is measured on, a plain CPU-bound Python loop took anywhere
// from 1.2 to 1.9 s from one minute to the next; an instruction count is the same whatever else runs. For every row
// shape of scripts/bench/sync/shapes.mjs it prints the instructions per row of:
//   harness  the connector's row built and passed to the harness's _channel.row() (conversion, JSON encoding, the
//            _fivetran_id hash of a key-less row, batching), written to /dev/null: no runner, no pipe;
//   floor    the same row given to the floor SDK's op.upsert(), which only json.dumps it (sync/floor_driver.py).
// Each is (count at N rows - count at 0 rows) / N, so the interpreter's start is left out. What it leaves out of
// the harness's side: the SDK shim's op.upsert() call in front of _channel.row() (a few hundred instructions), and
// the time spent waiting on the runner. Seconds can be had from sync.mjs; this says where the Python half stands.
//   node scripts/bench/harness.mjs          BENCH_HARNESS_ROWS=5000 (default 2000; the wide shape a sixth)
//   BENCH_SHAPES=json,keyless               some shapes only
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { harnessScript, SHAPES } from "./sync/shapes.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const HERE = fileURLToPath(new URL("./sync/", import.meta.url));
const ROWS = Math.max(1, Number(process.env.BENCH_HARNESS_ROWS ?? 2000));
const only = process.env.BENCH_SHAPES ? process.env.BENCH_SHAPES.split(",") : Object.keys(SHAPES);

if (spawnSync("valgrind", ["--version"]).status !== 0) {
  process.stdout.write("valgrind is not installed: the harness's instruction counts are skipped\n");
  process.exit(0);
}
// valgrind follows no exec: a pyenv shim (a bash script) would be counted instead of Python, so the interpreter
// itself is asked for its path.
const PYTHON = execFileSync("python3", ["-c", "import sys; print(sys.executable)"], { encoding: "utf8" }).trim();

/** Instructions valgrind counted for one run of the interpreter. */
function instructions(args, env = process.env) {
  const r = spawnSync("valgrind", ["--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null", PYTHON, ...args], { encoding: "utf8", env, maxBuffer: 16 << 20 });
  const m = /I\s+refs:\s+([\d,]+)/.exec(r.stderr ?? "");
  if (r.status !== 0 || !m) throw new Error(`valgrind ${args.join(" ")} failed:\n${(r.stderr ?? "").slice(-2000)}`);
  return Number(m[1].replaceAll(",", ""));
}

/** The floor's side: a connector folder that upserts the shape's rows (no checkpoint until the end). */
function floorConnector(dir, shape, rows) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, "connector.py"),
    `from fivetran_connector_sdk import Connector, Operations as op
CATEGORIES = ["alpha", "beta", "gamma", "delta", "epsilon"]
def schema(configuration):
    return ${shape.schema}
def update(configuration, state):
    for i in range(int(configuration["rows"])):
        op.upsert("bench_rows", ${shape.row})
    op.checkpoint({})
connector = Connector(update=update, schema=schema)
`,
  );
  writeFileSync(join(dir, "configuration.json"), JSON.stringify({ rows: String(rows) }));
  return dir;
}

const work = mkdtempSync(join(tmpdir(), "bench-harness-"));
try {
  const pad = (s, n) => String(s).padEnd(n);
  process.stdout.write(`harness: Python instructions per row (cachegrind, ${ROWS.toLocaleString("en-US")} rows; the wide shape a sixth), ${PYTHON}\n`);
  process.stdout.write(`${pad("shape", 10)}${pad("harness", 12)}${pad("floor", 12)}ratio\n`);
  const floorEnv = { ...process.env, PYTHONPATH: join(HERE, "fake_sdk") };
  let worst;
  for (const name of only) {
    const shape = SHAPES[name];
    if (!shape) throw new Error(`BENCH_SHAPES: ${name} is not one of ${Object.keys(SHAPES).join(", ")}`);
    const rows = Math.max(1, Math.floor(ROWS / (shape.rowsDivisor ?? 1)));
    // Not named after the shape: a script called json.py would be imported as the json module.
    const script = join(work, `harness_${name}.py`);
    writeFileSync(script, harnessScript(shape));
    const harnessDir = join(ROOT, "src", "runner", "harness");
    const harness = (instructions([script, harnessDir, "/dev/null", String(rows), "0"]) - instructions([script, harnessDir, "/dev/null", "0", "0"])) / rows;
    const driver = join(HERE, "floor_driver.py");
    const floor = (instructions([driver, floorConnector(join(work, name, "n"), shape, rows)], floorEnv) - instructions([driver, floorConnector(join(work, name, "0"), shape, 0)], floorEnv)) / rows;
    const ratio = harness / floor;
    if (!worst || ratio > worst.ratio) worst = { name, ratio };
    process.stdout.write(`${pad(name, 10)}${pad(Math.round(harness).toLocaleString("en-US"), 12)}${pad(Math.round(floor).toLocaleString("en-US"), 12)}${ratio.toFixed(2)}x\n`);
  }
  if (worst) process.stdout.write(`  worst: ${worst.name} ${worst.ratio.toFixed(2)}x the floor's instructions (the Python half alone; the 2.0x target is on wall time, sync.mjs)\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
