// File uploads (`op.upsert(table, row, file=FileUpload(...))`): the connectors in file-uploads/ run under the real
// SDK's `fivetran debug` and under the embedded engine, each in its own copy, and everything is compared as in
// fidelity.test.ts, plus every file and folder under files/storage (bytes by SHA-256, and the mode), the
// `File uploads` count and the error message of a failed sync. See docs/sdk-3.1.md.
//
// By default the real SDK is the pinned one (.cache/test-venv, 3.0.0, which already uploads files). With
// FIDELITY_SDK_VERSION=<version> the test makes (once) a venv with that release in the system temp folder and
// compares against it instead; it needs PyPI, so it is never the default.
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SdkOutputParser } from "../../src/runner/sdk-output.js";
import { realSdkPython } from "../helpers/env.js";
import { makeRoot, pool, removeRoot, render, runEmbedded, runRealSdk, type RunRecord } from "./lib/engines.js";

const CONNECTORS = fileURLToPath(new URL("./file-uploads/", import.meta.url));
const VERSION = process.env.FIDELITY_SDK_VERSION;

interface Case {
  expect: "succeeded" | "failed";
  /** The text the failed sync's error must contain, under both engines. */
  error?: string;
  /** A difference the embedded engine still has: the test runs as `it.fails` until it is fixed. */
  knownDifference?: string;
  /**
   * The run result's error must be the same under both engines: kind and whole message, the real SDK's as the sdk
   * engine reads them from `fivetran debug` (SdkOutputParser).
   */
  sameError?: boolean;
}

const CASES: Record<string, Case> = {
  "01-uploads": { expect: "succeeded" },
  "02-invalid-uploads": { expect: "succeeded" },
  "03-size-mismatch": { expect: "failed", error: "File upload received 2 bytes for file: short.bin, expected 5 bytes.", sameError: true },
  "04-stream-fails-midway": { expect: "failed", error: "Multiple file uploads detected. Only one file upload can be active at a time.", sameError: true },
  "05-failure-after-upload": { expect: "failed", error: "Null primary key found while syncing table tester.t. Primary Key id is null in object.", sameError: true },
  "06-replaced-file": { expect: "succeeded" },
  // The SDK's per-read timeout (300 s, lowered to 1 s by the connector under either engine).
  "07-read-timeout": {
    expect: "failed",
    error: "failed while executing update() error: File upload timed out: stream.read() did not return within 1 seconds.",
    sameError: true,
  },
  // The core sees an upload at its first chunk: a stream that fails at once, while another upload is open, fails
  // with its own error.
  "08-fails-while-open": { expect: "failed", error: "failed while executing update() error: the source refused the download", sameError: true },
  "09-odd-names": { expect: "succeeded" },
  // The core's temporary file is `<target><random>.tmp`: a 254-character name is too long for Linux (errno 36).
  "10-long-name": { expect: "failed", error: `failed while executing update() error: File upload failed for file: d/${"a".repeat(250)}.txt`, sameError: true },
  // The core stales a row's old file only when the upsert names _fivetran_file_path (with file= or as a column); an
  // upsert without it nulls the column in the table but keeps the file. The embedded engine deletes it.
  "11-same-file-twice": { expect: "succeeded" },
  "12-empty-streams": { expect: "succeeded" },
  "13-threads": { expect: "succeeded" },
  "14-keyless": { expect: "succeeded" },
  "15-failure-before-checkpoint": { expect: "failed", error: "the API went away after the upload", sameError: true },
  "16-binary-bytearray": { expect: "succeeded" },
  "17-declared-file-column": { expect: "succeeded" },
  // The core stales a file when a row's path changes between two records of one write; the embedded engine compares
  // only the committed row with the last record of the write.
  "18-replaced-in-one-write": { expect: "succeeded" },
  "19-odd-tables": { expect: "succeeded" },
  // More bytes than expected_bytes fails the sync even though the connector catches the error (as 03 with fewer).
  // A checkpoint written again (replay()) with uploads in it: the old files of rows it gave new ones go.
  "21-replayed-checkpoint": { expect: "succeeded" },
  "20-chunk-boundaries": {
    expect: "failed",
    error: "failed while executing update() error: File upload received 6 bytes for file: long.bin, expected 3 bytes.",
    sameError: true,
  },
};

/** A fresh copy of a connector of file-uploads/ (lib/engines.ts copies those of connectors/). */
function copyCase(name: string, engine: string): string {
  const dir = join(mkdtempSync(join(root, `${engine}-`)), name);
  cpSync(join(CONNECTORS, name), dir, { recursive: true, filter: (src) => !["files", "__pycache__", "crash-reports"].includes(basename(src)) });
  return dir;
}

/** Every entry under files/storage, in name order: folders, and files with size, mode and SHA-256. */
function dumpStorage(projectDir: string): string {
  const root = join(projectDir, "files", "storage");
  if (!existsSync(root)) return "storage: (absent)";
  const out: string[] = ["storage:"];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      const st = statSync(p);
      const rel = relative(root, p);
      if (st.isDirectory()) {
        out.push(`  ${rel}/`);
        walk(p);
      } else {
        const sha = createHash("sha256").update(readFileSync(p)).digest("hex").slice(0, 16);
        out.push(`  ${rel} ${st.size} bytes mode ${(st.mode & 0o777).toString(8)} sha256 ${sha}`);
      }
    }
  };
  walk(root);
  return out.join("\n");
}

/** The error of the real SDK's run as the sdk engine reports it: `<kind>: <message>`. */
function sdkError(r: RunRecord): string {
  const parser = new SdkOutputParser();
  for (const line of r.log.split("\n")) parser.push(line);
  const e = parser.end().error;
  return e ? `${e.kind}: ${e.message}` : "(no error)";
}

/** The `File uploads` count of a run (see RunRecord.fileUploads). */
function fileUploads(r: RunRecord): string {
  return String(r.fileUploads ?? 0);
}

async function sdkPython(): Promise<string | null> {
  if (!VERSION) return realSdkPython();
  // Security: the version goes into a pip requirement; only a plain release number is accepted.
  if (!/^\d+(\.\d+){1,3}$/.test(VERSION)) throw new Error(`FIDELITY_SDK_VERSION must be a release number, got ${VERSION}`);
  const venv = join(tmpdir(), `ftmcp-sdk-${VERSION}`);
  const python = join(venv, "bin", "python");
  if (!existsSync(join(venv, "bin", "fivetran"))) {
    await execa("python3", ["-m", "venv", venv]);
    await execa(python, ["-m", "pip", "install", "-q", `fivetran-connector-sdk==${VERSION}`], { timeout: 300_000 });
  }
  return python;
}

const python = await sdkPython();
const results = new Map<string, { sdk: RunRecord; embedded: RunRecord; storage: { sdk: string; embedded: string } }>();
let root = "";

describe.skipIf(python === null)(`file uploads: embedded engine vs the real SDK ${VERSION ?? "(pinned)"}`, () => {
  beforeAll(async () => {
    root = makeRoot();
    const jobs = Object.keys(CASES).map((name) => async () => {
      const sdkDir = copyCase(name, "sdk");
      const embeddedDir = copyCase(name, "embedded");
      const sdk = await runRealSdk(sdkDir, python!);
      const embedded = await runEmbedded(embeddedDir);
      results.set(name, { sdk, embedded, storage: { sdk: dumpStorage(sdkDir), embedded: dumpStorage(embeddedDir) } });
    });
    await pool(jobs, 2);
  }, 300_000);

  afterAll(() => {
    if (root && !process.env.FIDELITY_KEEP) removeRoot(root);
  });

  for (const [name, c] of Object.entries(CASES)) {
    const test = c.knownDifference ? it.fails : it;
    test(`${name}${c.knownDifference ? ` (known difference: ${c.knownDifference})` : ""}`, () => {
      const { sdk, embedded, storage } = results.get(name)!;
      expect(sdk.status, `real SDK outcome of ${name}\n${sdk.log}`).toBe(c.expect);
      if (c.error) {
        expect(sdk.log).toContain(c.error);
        expect(embedded.log).toContain(c.error);
      }
      // runEmbedded puts `<kind>: <message>` of the run result first in its log (a log of that line alone has no newline).
      if (c.sameError) {
        const want = `${sdkError(sdk)}\n`;
        expect(`${embedded.log}\n`.slice(0, want.length), `embedded engine log of ${name}:\n${embedded.log}`).toBe(want);
      }
      // The error's text is compared where the real SDK printed one, as in fidelity.test.ts.
      const text = (r: RunRecord, files: string) => `${render([{ ...r, error: sdk.error === null ? null : r.error }])}\nfile uploads: ${fileUploads(r)}\n${files}`;
      expect(text(embedded, storage.embedded), `embedded engine log of ${name}:\n${embedded.log}`).toBe(text(sdk, storage.sdk));
    });
  }
});
