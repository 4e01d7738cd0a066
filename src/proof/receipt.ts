import { ToolError } from "../errors.js";
import { resolvePython } from "../runner/python.js";
import { runSync } from "../runner/index.js";
import { readConfiguration } from "../runner/configuration-file.js";
import type { RunResult } from "../runner/types.js";
import { ConnectorProject } from "../workspace/project.js";
import type { CrashReport } from "./crash.js";
import { dumpWarehouse, sha256, stateHash } from "./dump.js";
import type { FaultReport } from "./faults.js";
import { EXCHANGES_FILE, proofRedactor, RECORDINGS_DIR } from "./recording.js";
import { Workdir } from "./workdir.js";

/**
 * The run receipt: what a run did, in a form a reviewer can check. JSON for machines (files/receipt.json) and
 * markdown for a pull request (files/receipt.md). It holds hashes and counts, never values: configuration keys
 * without their values, hosts and requests as the redactor leaves them.
 */
export const RECEIPT_JSON = "files/receipt.json";
export const RECEIPT_MD = "files/receipt.md";
const SKIP_DIRS = new Set([".venv", "venv", "__pycache__", ".git", "node_modules", ".mypy_cache", ".pytest_cache", ".ruff_cache", "files"]);

export interface Receipt {
  format: 1;
  created_at: string;
  tool: { name: "fivetran-connector-mcp"; version: string };
  engine: { name: string; sdk_version?: string; python: string };
  connector: { code_sha256: string; files: Record<string, string>; configuration_keys: string[] };
  source: { mode: "live" | "record" | "replay"; recording?: string; recording_sha256?: string };
  /** Whether the run started from an empty warehouse and no state (a receipt check replays from there). */
  started_clean: boolean;
  status: RunResult["status"];
  error_kind?: string;
  http: { requests: number; hosts: Record<string, number> } | null;
  operations: RunResult["counts"];
  rows_per_table: Record<string, number>;
  checkpoints: number;
  state_sha256: string | null;
  /** sha256 of each table's rows (DuckDB's JSON text of each row, sorted; _fivetran_synced left out). */
  table_sha256: Record<string, string>;
  lint: { errors: number; warnings: number; digest: string } | null;
  faults: { fault: string; outcome: string; handled: boolean; state_safe: boolean; retries: number; backoff_seconds: number[] }[] | null;
  resume: { verdict: string; points: number; passed: number; problems: string[] } | null;
}

/**
 * sha256 of every file of the connector (not files/, not .venv, not configuration.json: it holds secrets), by path.
 * Read through the project layer: a link leaving the folder or a file with a second hard link is refused (the
 * receipt cannot vouch for a file that may be outside); a link inside the folder counts as what it points to.
 */
export function codeFiles(projectDir: string): Record<string, string> {
  const project = ConnectorProject.at(projectDir);
  const out: Record<string, string> = {};
  // Security: each folder is walked once by its real path, so a link back up the tree cannot loop.
  const seen = new Set<string>([project.root]);
  const walk = (rel: string) => {
    for (const name of project.list(rel || ".").sort()) {
      const relPath = rel ? `${rel}/${name}` : name;
      if ((SKIP_DIRS.has(name) || name.startsWith(".venv.untrusted-")) && !rel) continue;
      if (name === "__pycache__" || (!rel && name === "configuration.json")) continue;
      // Security: lstat and readBytes resolve through the project layer (a link leaving the folder is refused).
      const st = project.lstat(relPath);
      if (st?.isDirectory()) {
        const real = project.resolve(relPath);
        if (!seen.has(real)) {
          seen.add(real);
          walk(relPath);
        }
      } else if (st?.isFile()) {
        const bytes = project.readBytes(relPath, 1024 * 1024 * 1024);
        if (bytes) out[relPath] = sha256(bytes);
      }
    }
  };
  walk("");
  return out;
}

export function codeHash(files: Record<string, string>): string {
  return sha256(
    Object.entries(files)
      .map(([p, h]) => `${h}  ${p}`)
      .join("\n"),
  );
}

function recordingHash(projectDir: string, name: string | undefined): string | undefined {
  if (!name) return undefined;
  const bytes = ConnectorProject.at(projectDir).readBytes(`${RECORDINGS_DIR}/${name}/${EXCHANGES_FILE}`, 1024 * 1024 * 1024);
  return bytes ? sha256(bytes) : undefined;
}

async function lintDigest(projectDir: string): Promise<Receipt["lint"]> {
  const { lint } = await import("../lint/engine.js");
  const r = await lint(projectDir, {});
  const lines = r.findings.map((f) => `${f.rule} ${f.severity} ${f.file}:${f.line}:${f.column}`).sort();
  return { errors: r.findings.filter((f) => f.severity === "error").length, warnings: r.findings.filter((f) => f.severity === "warning").length, digest: sha256(lines.join("\n")) };
}

export interface ReceiptInput {
  projectDir: string;
  result: RunResult;
  startedClean: boolean;
  version: string;
  configuration?: Record<string, unknown>;
  lint?: boolean;
  faults?: FaultReport;
  resume?: CrashReport;
}

export async function buildReceipt(inp: ReceiptInput): Promise<Receipt> {
  const r = inp.result;
  const files = codeFiles(inp.projectDir);
  const dump = await dumpWarehouse(r.warehousePath);
  const mode = r.proof?.mode ?? "live";
  const recording = r.proof?.mode === "live" ? undefined : r.proof?.recording;
  const redactor = proofRedactor(inp.configuration);
  return {
    format: 1,
    created_at: new Date().toISOString(),
    tool: { name: "fivetran-connector-mcp", version: inp.version },
    engine: { name: r.engine, ...(r.sdkVersion ? { sdk_version: r.sdkVersion } : {}), python: r.python },
    connector: { code_sha256: codeHash(files), files, configuration_keys: Object.keys(inp.configuration ?? {}).sort() },
    source: { mode, ...(recording ? { recording, recording_sha256: recordingHash(inp.projectDir, recording) } : {}) },
    started_clean: inp.startedClean,
    status: r.status,
    ...(r.error ? { error_kind: r.error.kind } : {}),
    http: r.proof ? { requests: r.proof.requests, hosts: redactor.redactValue(r.proof.hosts) } : null,
    operations: r.counts,
    rows_per_table: r.rowsPerTable,
    checkpoints: r.counts.checkpoints,
    state_sha256: stateHash(r.statePath),
    table_sha256: Object.fromEntries(dump.map((t) => [t.table, t.sha256])),
    lint: inp.lint === false ? null : await lintDigest(inp.projectDir),
    faults: inp.faults
      ? inp.faults.results.map((f) => ({ fault: f.fault, outcome: f.outcome, handled: f.handled, state_safe: f.state_safe, retries: f.retries, backoff_seconds: f.backoff_seconds }))
      : null,
    resume: inp.resume
      ? { verdict: inp.resume.verdict, points: inp.resume.points.length, passed: inp.resume.points.filter((p) => p.passed).length, problems: inp.resume.problems.map((p) => redactor.redact(p)) }
      : null,
  };
}

export function receiptMarkdown(rc: Receipt): string {
  const out: string[] = [];
  const src =
    rc.source.mode === "replay"
      ? `replayed from \`files/recordings/${rc.source.recording}\` (sha256 ${short(rc.source.recording_sha256)})`
      : rc.source.mode === "record"
        ? `live, recorded into \`files/recordings/${rc.source.recording}\``
        : "live";
  out.push(`## Run receipt`, "");
  out.push(`- **Result:** ${rc.status}${rc.error_kind ? ` (${rc.error_kind})` : ""}, ${src}${rc.started_clean ? ", from a clean start" : ""}`);
  out.push(`- **Engine:** ${rc.engine.name}${rc.engine.sdk_version ? ` (SDK ${rc.engine.sdk_version})` : ""}, Python ${rc.engine.python}, ${rc.tool.name} ${rc.tool.version}`);
  out.push(`- **Code:** sha256 ${short(rc.connector.code_sha256)} over ${Object.keys(rc.connector.files).length} file(s); configuration keys: ${rc.connector.configuration_keys.join(", ") || "none"}`);
  if (rc.http)
    out.push(
      `- **HTTP:** ${rc.http.requests} request(s); ${
        Object.entries(rc.http.hosts)
          .map(([h, n]) => `${h} ×${n}`)
          .join(", ") || "no hosts"
      }`,
    );
  const o = rc.operations;
  out.push(`- **Operations:** ${o.upserts} upserts, ${o.updates} updates, ${o.deletes} deletes, ${o.truncates} truncates, ${rc.checkpoints} checkpoints`);
  out.push(`- **State:** sha256 ${short(rc.state_sha256 ?? undefined)}`);
  if (rc.lint) out.push(`- **Lint:** ${rc.lint.errors} error(s), ${rc.lint.warnings} warning(s) (digest ${short(rc.lint.digest)})`);
  out.push("", "| Table | Rows | Content sha256 |", "|---|---:|---|");
  for (const [t, h] of Object.entries(rc.table_sha256)) out.push(`| ${t} | ${rc.rows_per_table[t] ?? ""} | \`${short(h)}\` |`);
  if (rc.resume) {
    out.push("", `**Crash and resume:** ${rc.resume.verdict} (${rc.resume.passed}/${rc.resume.points} crash points)`);
    for (const p of rc.resume.problems) out.push(`- ${p}`);
  }
  if (rc.faults) {
    out.push("", "| Fault | Outcome | Handled | State safe | Retries | Backoff (s) |", "|---|---|---|---|---:|---|");
    for (const f of rc.faults) out.push(`| ${f.fault} | ${f.outcome} | ${f.handled ? "yes" : "**no**"} | ${f.state_safe ? "yes" : "**no**"} | ${f.retries} | ${f.backoff_seconds.join(", ")} |`);
  }
  out.push("", `Check it: \`fivetran-connector-mcp receipt check <folder>\` (same code, same recording: same table hashes).`, "");
  return out.join("\n");
}

const short = (h: string | undefined) => (h ? h.slice(0, 16) : "none");

export function writeReceipt(projectDir: string, rc: Receipt): Promise<{ json: string; markdown: string }> {
  const project = ConnectorProject.at(projectDir);
  const json = project.writeFile(RECEIPT_JSON, `${JSON.stringify(rc, null, 2)}\n`);
  const markdown = project.writeFile(RECEIPT_MD, receiptMarkdown(rc));
  return Promise.resolve({ json, markdown });
}

export interface ReceiptCheck {
  verdict: "verified" | "mismatch" | "code_only";
  code_matches: boolean;
  changed_files: string[];
  recording_matches: boolean | null;
  state_matches: boolean | null;
  tables: { table: string; expected: string | null; actual: string | null; matches: boolean }[];
  notes: string[];
}

export function readReceipt(projectDir: string, rel = RECEIPT_JSON): Receipt {
  // Security: read through the project layer: a receipt that is a link leaving the folder is refused.
  const text = ConnectorProject.at(projectDir).readText(rel, 16 * 1024 * 1024);
  if (text === undefined) throw new ToolError("not_found", `No receipt at ${rel} in ${projectDir}.`, "Make one first: make_receipt (or `receipt make <folder>`).", rel);
  try {
    const v = JSON.parse(text) as Receipt;
    if (v.format !== 1 || typeof v.table_sha256 !== "object") throw new Error("not a receipt of format 1");
    return v;
  } catch (e) {
    throw new ToolError("invalid_argument", `${rel} is not a receipt: ${(e as Error).message}`, "Make the receipt again.", rel);
  }
}

/**
 * Checks a receipt against the folder: the same code, and (for a replayed run that started clean) a new replay of
 * the same recording in a scratch copy gives the same table hashes and the same state. A live run cannot be re-run
 * the same way, so only its code is checked.
 */
export async function checkReceipt(opts: { projectDir: string; receipt?: string; python?: string; configuration?: Record<string, unknown>; signal?: AbortSignal }): Promise<ReceiptCheck> {
  const rc = readReceipt(opts.projectDir, opts.receipt);
  const files = codeFiles(opts.projectDir);
  const changed = [...new Set([...Object.keys(files), ...Object.keys(rc.connector.files)])].filter((f) => files[f] !== rc.connector.files[f] && !f.startsWith("files/")).sort();
  const code = codeHash(files) === rc.connector.code_sha256;
  const notes: string[] = [];
  if (rc.source.mode !== "replay" || !rc.started_clean) {
    notes.push(
      rc.source.mode !== "replay"
        ? "The receipt is of a live run: only the code is checked (record it, then make the receipt from a replay)."
        : "The receipt's run did not start clean: only the code is checked (make the receipt with a reset).",
    );
    return { verdict: code ? "code_only" : "mismatch", code_matches: code, changed_files: changed, recording_matches: null, state_matches: null, tables: [], notes };
  }
  const recNow = recordingHash(opts.projectDir, rc.source.recording);
  const recOk = recNow !== undefined && recNow === rc.source.recording_sha256;
  if (!recOk) notes.push(recNow === undefined ? `The recording ${rc.source.recording} is missing.` : `The recording ${rc.source.recording} changed since the receipt.`);
  const work = new Workdir(opts.projectDir, rc.source.recording);
  try {
    const dir = work.copy("check");
    const r = await runSync({
      projectDir: dir,
      configuration: opts.configuration ?? readConfiguration(opts.projectDir),
      python: resolvePython(opts.projectDir, opts.python),
      engine: "embedded",
      reset: true,
      replay: rc.source.recording,
      signal: opts.signal,
    });
    if (r.status !== rc.status) notes.push(`The replay ${r.status}; the receipt says ${rc.status}.`);
    const dump = await dumpWarehouse(r.warehousePath);
    const actual = Object.fromEntries(dump.map((t) => [t.table, t.sha256]));
    const tables = [...new Set([...Object.keys(rc.table_sha256), ...Object.keys(actual)])]
      .sort()
      .map((t) => ({ table: t, expected: rc.table_sha256[t] ?? null, actual: actual[t] ?? null, matches: rc.table_sha256[t] === actual[t] }));
    const stateOk = stateHash(r.statePath) === rc.state_sha256;
    const ok = code && recOk && stateOk && tables.every((t) => t.matches) && r.status === rc.status;
    return { verdict: ok ? "verified" : "mismatch", code_matches: code, changed_files: changed, recording_matches: recOk, state_matches: stateOk, tables, notes };
  } finally {
    work.dispose();
  }
}
