// FileUpload in the embedded engine: the harness's FileUpload class, the files it stores under files/storage, the row's
// _fivetran_file_path, the logs and the refusals. Real python3, the real harness and writer, real DuckDB files.
// The comparison with the real SDK is test/fidelity/file-uploads.test.ts; facts in docs/sdk-3.1.md.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { HARNESS_DIR } from "../../src/paths.js";
import { runSync } from "../../src/runner/index.js";
import { SdkOutputParser } from "../../src/runner/sdk-output.js";
import { makeConnector } from "./helpers.js";

const HEADER = "import io\nfrom fivetran_connector_sdk import Connector, FileUpload, Operations as op, Logging as log\n";

async function rows(dir: string, sql: string): Promise<unknown[][]> {
  const instance = await DuckDBInstance.create(join(dir, "files", "warehouse.db"), { access_mode: "READ_ONLY" });
  const conn = await instance.connect();
  try {
    return (await conn.runAndReadAll(sql)).getRows();
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

describe("FileUpload in the harness", () => {
  it("is importable as the SDK exports it: the package, __all__ and fivetran_connector_sdk.file_upload", async () => {
    const code = [
      "import fivetran_connector_sdk as sdk, io, dataclasses",
      "from fivetran_connector_sdk import FileUpload, ByteStream",
      "from fivetran_connector_sdk.file_upload import FileUpload as Deep, ByteStream as DeepStream",
      "assert Deep is FileUpload and DeepStream is ByteStream",
      "assert {'FileUpload', 'ByteStream'} <= set(sdk.__all__)",
      "u = FileUpload('  a/b.txt ', io.BytesIO(b'x'))",
      "print(repr(u.path), u.expected_bytes, [f.name for f in dataclasses.fields(FileUpload)], isinstance(io.BytesIO(), ByteStream))",
      "try:\n    u.path = 'c'\nexcept dataclasses.FrozenInstanceError as e:\n    print('frozen', e)",
    ].join("\n");
    const r = await execa("python3", ["-c", code], { cwd: HARNESS_DIR });
    expect(r.stdout).toBe("'a/b.txt' None ['path', 'stream', 'expected_bytes'] True\nfrozen cannot assign to field 'path'");
  });
});

describe("file uploads in the embedded engine", () => {
  it("stores each file under files/storage, names it in _fivetran_file_path, logs and counts it, in both yield styles", async () => {
    const dir = makeConnector(
      `${HEADER}
def schema(configuration):
    return [{"table": "docs", "primary_key": ["id"], "columns": {"id": "INT"}}]

def update(configuration, state):
    op.upsert("docs", {"id": 1, "_fivetran_file_path": "mine"}, file=FileUpload(path="a/one.txt", stream=io.BytesIO(b"one")))
    yield op.upsert("docs", {"id": 2, "_fivetran_file_path": "mine too"}, file=FileUpload("two.bin", io.BytesIO(bytes(range(256)) * 9000), expected_bytes=2304000))
    op.checkpoint({"n": 1})
    yield op.update("docs", {"id": 1}, file=FileUpload(path="a/one-b.txt", stream=io.BytesIO(b"1b")))
    op.upsert("docs", {"id": 3})

connector = Connector(update=update, schema=schema)
`,
      {},
    );
    const logs: string[] = [];
    const r = await runSync({ projectDir: dir, engine: "embedded", onLog: (_l, m) => logs.push(m) });
    expect(r.error).toBeUndefined();
    expect(r.status).toBe("succeeded");
    expect(r.counts).toEqual({ upserts: 3, updates: 1, deletes: 0, truncates: 0, schemaChanges: 1, checkpoints: 1, fileUploads: 3 });
    const storage = join(dir, "files", "storage", "tester", "docs");
    // Row 1 named a/one.txt until the update gave it a/one-b.txt; no row names it after the final commit, so it
    // is deleted, as the SDK does (test/fidelity/file-uploads 06).
    expect(existsSync(join(storage, "a", "one.txt"))).toBe(false);
    expect(readFileSync(join(storage, "a", "one-b.txt"), "utf8")).toBe("1b");
    const two = readFileSync(join(storage, "two.bin"));
    expect(two.length).toBe(2304000); // two 2 MB chunks' worth of reads, one file
    expect(two.subarray(256, 260)).toEqual(Buffer.from([0, 1, 2, 3]));
    // No temporary file is left next to the stored ones.
    expect(readdirSync(join(storage, "a")).sort()).toEqual(["one-b.txt"]);
    expect(await rows(dir, "SELECT id, _fivetran_file_path FROM tester.docs ORDER BY id")).toEqual([
      [1, "a/one-b.txt"],
      [2, "two.bin"],
      [3, null],
    ]);
    expect(logs).toContain(`sdk: File uploaded successfully: a/one.txt → ${join(storage, "a", "one.txt")}`);
    // The SDK's warning about a row's own _fivetran_file_path is given once per sync.
    const overwritten = "_fivetran_file_path was provided in the row data and will be overwritten by FileUpload.path.";
    expect(r.warnings.filter((w) => w === overwritten)).toHaveLength(1);
  });

  it("stores every file when several threads upload at once, each with its own row", async () => {
    const dir = makeConnector(
      `${HEADER}
import threading

def update(configuration, state):
    def work(t):
        for i in range(25):
            op.upsert("t", {"id": t * 100 + i}, file=FileUpload(path="%d/%d.bin" % (t, i), stream=io.BytesIO(bytes([t, i]) * 70000)))
    threads = [threading.Thread(target=work, args=(t,)) for t in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    op.checkpoint({"done": True})

connector = Connector(update=update)
`,
      {},
    );
    const r = await runSync({ projectDir: dir, engine: "embedded" });
    expect(r.error).toBeUndefined();
    expect(r.counts.upserts).toBe(100);
    const stored = await rows(dir, "SELECT count(*)::INTEGER, count(DISTINCT _fivetran_file_path)::INTEGER FROM tester.t");
    expect(stored).toEqual([[100, 100]]);
    for (const [t, i] of [
      [0, 0],
      [3, 24],
      [2, 13],
    ] as const) {
      const bytes = readFileSync(join(dir, "files", "storage", "tester", "t", String(t), `${i}.bin`));
      expect(bytes.length).toBe(140000);
      expect(bytes.equals(Buffer.from(new Uint8Array(140000).map((_v, k) => (k % 2 === 0 ? t : i))))).toBe(true);
    }
  });

  it("fails the sync when a folder under files/storage leads outside it, and writes nothing there", async () => {
    const dir = makeConnector(
      `${HEADER}
def update(configuration, state):
    op.upsert("t", {"id": 1}, file=FileUpload(path="x.txt", stream=io.BytesIO(b"x")))

connector = Connector(update=update)
`,
      {},
    );
    const outside = mkdtempSync(join(tmpdir(), "outside-"));
    mkdirSync(join(dir, "files", "storage", "tester"), { recursive: true });
    symlinkSync(outside, join(dir, "files", "storage", "tester", "t"));
    const r = await runSync({ projectDir: dir, engine: "embedded" });
    expect(r.status).toBe("failed");
    expect(r.error?.kind).toBe("operation");
    expect(r.error?.message).toBe("failed while executing update() error: File upload failed for file: x.txt");
    expect(readdirSync(outside)).toEqual([]);
    expect(r.rowsPerTable).toEqual({});
  });

  it("refuses what the SDK refuses with its words, and a caught refusal does not fail the sync", async () => {
    const dir = makeConnector(
      `${HEADER}
def update(configuration, state):
    for path in ("", "dir/", "a//b"):
        try:
            op.upsert("t", {"id": 1}, file=FileUpload(path=path, stream=io.BytesIO(b"x")))
        except ValueError as e:
            log.info("refused: " + str(e))
    op.upsert("t", {"id": 2}, file=FileUpload(path="../up.txt", stream=io.BytesIO(b"u")))

connector = Connector(update=update)
`,
      {},
    );
    const logs: string[] = [];
    const r = await runSync({ projectDir: dir, engine: "embedded", onLog: (_l, m) => logs.push(m) });
    expect(r.status).toBe("succeeded");
    expect(r.counts.upserts).toBe(1);
    expect(logs.filter((l) => l.startsWith("connector: refused: "))).toEqual([
      "connector: refused: Invalid file path: path cannot be empty or contain only whitespace.",
      "connector: refused: Invalid file path 'dir/': path cannot end with a slash. Did you mean 'dir'? File paths must point to a file, not a directory.",
      "connector: refused: Invalid file path 'a//b': path contains double slashes (//). Use single slashes to separate path segments.",
    ]);
    // `..` is a folder named __dotdot__, inside the table's folder.
    expect(readFileSync(join(dir, "files", "storage", "tester", "t", "__dotdot__", "up.txt"), "utf8")).toBe("u");
    expect(existsSync(join(dir, "files", "storage", "tester", "up.txt"))).toBe(false);
  });
});

describe("file uploads in a connector's decimal context", () => {
  it("a row sent with file= gets its float's text in the connector's context, as a row without one does (356)", async () => {
    // The decimal context set at import (4 digits, rounding down): a float in a column that ends up text is written
    // in it, 1234.0, where the default context gives 1234.5677.
    const dir = makeConnector(
      `${HEADER}import decimal
decimal.getcontext().prec = 4
decimal.getcontext().rounding = decimal.ROUND_DOWN

def update(configuration, state):
    op.upsert("docs", {"id": 1, "v": 1234.5678}, file=FileUpload("a.txt", io.BytesIO(b"a")))
    op.upsert("docs", {"id": 2, "v": 1234.5678})
    op.upsert("docs", {"id": 3, "v": "text"})
    op.checkpoint({"n": 1})

connector = Connector(update=update, schema=lambda c: [{"table": "docs", "primary_key": ["id"]}])
`,
    );
    const r = await runSync({ projectDir: dir, engine: "embedded", timeoutSeconds: 60 });
    expect(r.status, r.error?.message).toBe("succeeded");
    expect(await rows(dir, "SELECT CAST(id AS INTEGER), v FROM tester.docs ORDER BY id")).toEqual([
      [1, "1234.0"],
      [2, "1234.0"],
      [3, "text"],
    ]);
  });
});

describe("fivetran debug output parser: File uploads", () => {
  // Recorded from the real `fivetran debug` of fivetran-connector-sdk 3.0.0 with file-upload connectors.
  const parse = (name: string) => {
    const p = new SdkOutputParser();
    for (const line of readFileSync(new URL(`./fixtures/sdk-output/${name}.txt`, import.meta.url), "utf8").split("\n")) p.push(line);
    return p.end();
  };

  it("reads the File uploads row of a successful sync", () => {
    const o = parse("file-uploads");
    expect(o.status).toBe("succeeded");
    expect(o.fileUploads).toBe(10);
    expect(o.counts).toEqual({ upserts: 11, updates: 1, deletes: 1, truncates: 0, schemaChanges: 1, checkpoints: 2, fileUploads: 10 });
  });

  it("reads the File uploads row and the upload's error of a failed sync", () => {
    const o = parse("file-upload-short");
    expect(o.status).toBe("failed");
    expect(o.fileUploads).toBe(1);
    expect(o.error?.message).toBe("failed while executing update() error: File upload received 2 bytes for file: short.bin, expected 5 bytes.");
  });
});
