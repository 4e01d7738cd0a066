import { createHash } from "node:crypto";
import { lstatSync, mkdtempSync, readFileSync, rmSync, chmodSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ToolError } from "../errors.js";
import type { ProofExtras, ProofSummary } from "../runner/types.js";
import { ConnectorProject } from "../workspace/project.js";
import { configurationSecretEntries, namedForms, Redactor } from "../workspace/redact.js";

/**
 * Recorded sources: where recordings live, what the harness is told (ftmcp_proof.py), and how a run's exchanges
 * become a recording. The harness masks the literal secret forms computed here before anything leaves Python; the
 * one redactor (src/workspace/redact.ts) then goes over every exchange before it is written into the folder.
 */
export const RECORDINGS_DIR = "files/recordings";
export const EXCHANGES_FILE = "exchanges.jsonl";
export const META_FILE = "recording.json";
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const MAX_LOG = 500;

export interface RecordingMeta {
  format: 1;
  name: string;
  recorded_at: string;
  /** Wall time when the recording started (seconds since the epoch): a replay's clock starts here. */
  clock_start: number;
  requests: number;
  hosts: Record<string, number>;
  /** sha256 of the exchanges file as written. */
  exchanges_sha256: string;
}

export function checkRecordingName(name: string): string {
  if (!NAME.test(name) || name.includes("..")) {
    throw new ToolError("invalid_argument", `"${name}" is not a usable recording name.`, "Use letters, digits, '.', '_' or '-' (up to 64), e.g. baseline or 2024-06-01.", name);
  }
  return name;
}

/** One form of a configuration secret, and the placeholder that stands for it in a recording. */
export interface SecretForm {
  text: string;
  placeholder: string;
}

/**
 * Every form the redactor knows of every configuration secret it knows (its own rule: src/workspace/redact.ts), each
 * with its placeholder `{{ftmcp.<key>.<form>}}`; a Basic pair's key is "<user key>.<secret key>". A recording holds
 * the placeholder; a replay puts the current configuration's form back (a next-page URL that held a key still works).
 */
export function secretForms(configuration: Record<string, unknown> | undefined): SecretForm[] {
  const forms = new Map<string, string>();
  const name = (k: string) => k.replace(/[^A-Za-z0-9_.]/g, "_");
  for (const { key, value } of configurationSecretEntries(configuration ?? null)) {
    for (const { form, text } of namedForms(value)) if (!forms.has(text)) forms.set(text, `{{ftmcp.${name(key)}.${form}}}`);
  }
  return [...forms].map(([text, placeholder]) => ({ text, placeholder }));
}

/** The run's redactor: the one rule, over the configuration the run used. */
export function proofRedactor(configuration: Record<string, unknown> | undefined): Redactor {
  return new Redactor(configuration ?? null);
}

/** The regular file of a recording, refused when missing or a link. */
function recordingFile(projectDir: string, name: string, file: string): string {
  // Security: the project layer refuses a path that leaves the folder through a link.
  const p = ConnectorProject.at(projectDir).resolve(`${RECORDINGS_DIR}/${checkRecordingName(name)}/${file}`);
  // Security: the folder is untrusted; a recording that is a link could make us read (and serve) any file.
  let st;
  try {
    st = lstatSync(p);
  } catch {
    throw new ToolError(
      "not_found",
      `No recording "${name}" in ${projectDir} (${RECORDINGS_DIR}/${name}/${file} is missing).`,
      "Record one first: run_debug with record set to that name (or `debug --record NAME`).",
      name,
    );
  }
  if (!st.isFile()) throw new ToolError("invalid_argument", `${RECORDINGS_DIR}/${name}/${file} is not a regular file.`, "Record again to replace it.", name);
  return p;
}

export function readRecordingMeta(projectDir: string, name: string): RecordingMeta {
  recordingFile(projectDir, name, META_FILE);
  try {
    return JSON.parse(ConnectorProject.at(projectDir).readText(`${RECORDINGS_DIR}/${name}/${META_FILE}`, 1024 * 1024) ?? "") as RecordingMeta;
  } catch (e) {
    throw new ToolError("invalid_argument", `${RECORDINGS_DIR}/${name}/${META_FILE} is not readable JSON: ${(e as Error).message}`, "Record again to replace it.", name);
  }
}

export function recordingExists(projectDir: string, name: string): boolean {
  try {
    return ConnectorProject.at(projectDir).exists(`${RECORDINGS_DIR}/${checkRecordingName(name)}/${META_FILE}`);
  } catch {
    return false;
  }
}

export interface PreparedProof {
  /** What goes to the harness in the job, under "proof". */
  spec: Record<string, unknown>;
  /** Reads what the harness left, writes the recording (record mode), and summarises; the spool goes. */
  finish(): Promise<ProofSummary>;
  cleanup(): void;
  /** Masks the secrets of `configuration` too (configuration.json as the harness read it once connector.py loaded). */
  learn(configuration: Record<string, unknown> | null): void;
}

export interface ProofRequest {
  record?: string;
  replay?: string;
  proofExtras?: ProofExtras;
}

export function wantsProof(opts: ProofRequest): boolean {
  return Boolean(opts.record || opts.replay || opts.proofExtras);
}

export function prepareProof(projectDir: string, configuration: Record<string, unknown> | undefined, opts: ProofRequest): PreparedProof {
  if (opts.record && opts.replay) throw new ToolError("invalid_argument", "record and replay cannot be used together.", "Record first, then replay in a second run.");
  const mode = opts.record ? "record" : opts.replay ? "replay" : "live";
  let redactor = proofRedactor(configuration);
  let recording: string | undefined;
  let meta: RecordingMeta | undefined;
  if (opts.replay) {
    meta = readRecordingMeta(projectDir, opts.replay);
    recording = recordingFile(projectDir, opts.replay, EXCHANGES_FILE);
  }
  if (opts.record) checkRecordingName(opts.record);
  // Security: what the harness writes before it is scrubbed by the redactor stays in a private folder outside
  // the connector folder, removed when the run ends.
  const spool = mkdtempSync(join(tmpdir(), "ftmcp-proof-"));
  chmodSync(spool, 0o700);
  const clockStart = Date.now() / 1000;
  const extras = opts.proofExtras ?? {};
  const spec: Record<string, unknown> = {
    mode,
    spool,
    secrets: secretForms(configuration).map((f) => [f.text, f.placeholder]),
    ...(recording ? { recording, clock: meta!.clock_start } : {}),
    ...(extras.faults?.length ? { faults: extras.faults } : {}),
    ...(extras.crash ? { crash: extras.crash } : {}),
    ...(extras.loopLimit ? { loop_limit: extras.loopLimit } : {}),
    ...(extras.maxRequests ? { max_requests: extras.maxRequests } : {}),
  };
  const cleanup = () => rmSync(spool, { recursive: true, force: true });
  return {
    spec,
    cleanup,
    learn(read) {
      redactor = redactor.withConfiguration(read);
    },
    async finish() {
      const summary = summarizeEvents(readLines(join(spool, "events.jsonl")), redactor, mode);
      if (opts.replay) summary.recording = opts.replay;
      if (opts.record) {
        summary.recording = opts.record;
        await writeRecording(projectDir, opts.record, readLines(join(spool, EXCHANGES_FILE)), redactor, clockStart, summary.hosts);
      }
      return summary;
    },
  };
}

function readLines(p: string): string[] {
  if (!existsSync(p)) return [];
  return readFileSync(p, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "");
}

async function writeRecording(projectDir: string, name: string, lines: string[], redactor: Redactor, clockStart: number, hosts: Record<string, number>): Promise<void> {
  const out: string[] = [];
  for (const line of lines) {
    let ex: unknown;
    try {
      ex = JSON.parse(line);
    } catch {
      continue; // a line cut short by a killed process
    }
    // Strings only are redacted (redactValue); numbers in an exchange are status codes and indexes.
    out.push(JSON.stringify(redactor.redactValue(ex)));
  }
  const text = out.length ? `${out.join("\n")}\n` : "";
  const base = `${RECORDINGS_DIR}/${name}`;
  const project = ConnectorProject.at(projectDir);
  project.writeFile(`${base}/${EXCHANGES_FILE}`, text, { mode: 0o600 });
  const meta: RecordingMeta = {
    format: 1,
    name,
    recorded_at: new Date(clockStart * 1000).toISOString(),
    clock_start: Math.floor(clockStart),
    requests: out.length,
    hosts,
    exchanges_sha256: createHash("sha256").update(text).digest("hex"),
  };
  project.writeFile(`${base}/${META_FILE}`, `${JSON.stringify(meta, null, 2)}\n`, { mode: 0o600 });
}

interface HarnessEvent {
  e: string;
  i?: number;
  method?: string;
  url?: string;
  host?: string;
  status?: number;
  fault?: string;
  seconds?: number;
  n?: number;
  regressions?: { path: string }[];
  after_checkpoint?: number;
  at_operation?: number;
  closest?: string | null;
}

/** What the harness's event lines say, redacted. Pure: tested on recorded event lines. */
export function summarizeEvents(lines: string[], redactor: Redactor, mode: ProofSummary["mode"]): ProofSummary {
  const s: ProofSummary = { mode, requests: 0, hosts: {}, faults: [], sleeps: [], checkpoints: 0, cursor_regressions: [], log: [] };
  for (const line of lines) {
    let ev: HarnessEvent;
    try {
      ev = redactor.redactValue(JSON.parse(line) as HarnessEvent);
    } catch {
      continue;
    }
    switch (ev.e) {
      case "request": {
        s.requests++;
        const host = ev.host ?? "";
        s.hosts[host] = (s.hosts[host] ?? 0) + 1;
        if (ev.fault) s.faults.push({ kind: ev.fault, request: ev.i ?? 0, method: ev.method ?? "", url: ev.url ?? "" });
        if (s.log.length < MAX_LOG)
          s.log.push({ i: ev.i ?? 0, method: ev.method ?? "", url: ev.url ?? "", ...(ev.status !== undefined ? { status: ev.status } : {}), ...(ev.fault ? { fault: ev.fault } : {}) });
        break;
      }
      case "sleep":
        if (typeof ev.seconds === "number") s.sleeps.push(ev.seconds);
        break;
      case "checkpoint":
        s.checkpoints = Math.max(s.checkpoints, ev.n ?? 0);
        for (const r of ev.regressions ?? []) s.cursor_regressions.push({ checkpoint: ev.n ?? 0, path: r.path });
        break;
      case "crash":
        s.crashed = { ...(ev.after_checkpoint !== undefined ? { after_checkpoint: ev.after_checkpoint } : {}), ...(ev.at_operation !== undefined ? { at_operation: ev.at_operation } : {}) };
        break;
      case "looped":
        s.looped = { method: ev.method ?? "", url: ev.url ?? "" };
        break;
      case "unrecorded":
        (s.unrecorded ??= []).push({ method: ev.method ?? "", url: ev.url ?? "", closest: ev.closest ?? null });
        break;
    }
  }
  return s;
}
