import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { countsTable, syncProgressBlock } from "../../src/runner/report.js";
import { asLogged, classifySdkError, SdkOutputParser } from "../../src/runner/sdk-output.js";

// Output recorded from the real `fivetran debug` of fivetran-connector-sdk 3.0.0 (test venv), one file per case.
function parse(name: string) {
  const text = readFileSync(new URL(`./fixtures/sdk-output/${name}.txt`, import.meta.url), "utf8");
  const p = new SdkOutputParser();
  for (const line of text.split("\n")) p.push(line);
  return { outcome: p.end(), entries: p.entries(), text };
}

describe("fivetran debug output parser", () => {
  it("reads a successful sync: counts, checkpoints, memory, connector logs", () => {
    const { outcome, entries } = parse("success");
    expect(outcome.status).toBe("succeeded");
    expect(outcome.counts).toEqual({ upserts: 6, updates: 1, deletes: 1, truncates: 0, schemaChanges: 1, checkpoints: 2, fileUploads: 0 });
    expect(outcome.checkpoints).toBe(2);
    expect(outcome.lastCheckpoint).toBe('{"n": 5, "done": true}');
    expect(outcome.peakMb).toBe(0.02);
    expect(outcome.error).toBeUndefined();
    expect(entries.find((e) => e.origin === "connector" && e.level === "WARNING")?.message).toBe("halfway");
    expect(entries.find((e) => e.message.startsWith("previous state:"))?.message).toBe("previous state:\n{}");
  });

  it("sees the verdict as soon as the SDK's SYNC line comes (the table follows), and not in a connector's log line", () => {
    const p = new SdkOutputParser();
    p.push("11:09:51.194 INFO     ⚡ connector SYNC SUCCEEDED — total elapsed 00:00:00.001");
    expect(p.verdictSeen).toBe(false);
    p.push("11:09:51.195 INFO     ⚡ sdk       SYNC SUCCEEDED — total elapsed 00:00:00.057");
    expect(p.verdictSeen).toBe(true);
    const { text } = parse("success");
    const q = new SdkOutputParser();
    const lines = text.split("\n");
    const at = lines.findIndex((l) => l.includes("SYNC SUCCEEDED"));
    for (const line of lines.slice(0, at)) q.push(line);
    expect(q.verdictSeen).toBe(false);
    q.push(lines[at]);
    expect(q.verdictSeen).toBe(true);
  });

  it("after a sync connector.debug() ran as connector.py loaded, reads fivetran debug's own (555)", () => {
    const text = readFileSync(new URL("./fixtures/sdk-output/debug-at-import.txt", import.meta.url), "utf8");
    const p = new SdkOutputParser();
    const seen: boolean[] = [];
    for (const line of text.split("\n")) {
      p.push(line);
      if (line.includes("reading configuration from configuration.json")) seen.push(p.verdictSeen);
      if (line.includes("previous state:") && seen.length) seen.push(p.verdictSeen);
    }
    // The first sync's verdict, then not once the second has started (the real-SDK engine stops lingering).
    expect(seen).toEqual([true, false]);
    expect(p.verdictSeen).toBe(true);
    const outcome = p.end();
    expect(outcome.status).toBe("failed");
    expect(outcome.error?.message).toBe("failed while executing update() error: second sync fails");
    expect(outcome.counts).toMatchObject({ upserts: 1, checkpoints: 1 });
    expect(outcome.checkpoints).toBe(1);
    expect(outcome.lastCheckpoint).toBe('{"calls": 2}');
  });

  it("a second sync that ends without a verdict leaves no verdict of the first (555)", () => {
    const text = readFileSync(new URL("./fixtures/sdk-output/debug-at-import.txt", import.meta.url), "utf8");
    // The output up to the second sync's update(), as if it had stopped there (os._exit() in update()).
    const p = new SdkOutputParser();
    for (const line of text.slice(0, text.indexOf("calling update()", text.indexOf("SYNC SUCCEEDED"))).split("\n")) p.push(line);
    const outcome = p.end();
    expect(outcome.status).toBeUndefined();
    expect(outcome.counts).toBeUndefined();
  });

  it("our SYNC PROGRESS table has the SDK's layout, byte for byte", () => {
    const { text } = parse("success");
    const block = syncProgressBlock({ status: "succeeded", durationMs: 152, counts: { upserts: 6, updates: 1, deletes: 1, truncates: 0, schemaChanges: 1, checkpoints: 2, fileUploads: 0 } });
    const sdkLines = text
      .split("\n")
      .filter((l) => /\| /.test(l) || /^-+\+/.test(l.trim()) || l.includes("SYNC SUCCEEDED"))
      .map((l) => l.replace(/^.*?(SYNC SUCCEEDED.*)$/, "$1").replace(/^ {35}/, ""));
    expect(block.split("\n")).toEqual(sdkLines);
    expect(countsTable({ upserts: 0, updates: 0, deletes: 0, truncates: 0, schemaChanges: 0, checkpoints: 0, fileUploads: 0 }).split("\n")).toHaveLength(9);
  });

  it.each([
    ["raise", "connector_exception", "failed while executing update() error: boom from api", 6],
    ["unser", "serialization", "not JSON serializable", 3],
    ["badschema", "schema", "DECIMAL data type missing precision and scale", undefined],
  ])("reads a failed sync (%s)", (name, kind, message, line) => {
    const { outcome } = parse(name);
    expect(outcome.status).toBe("failed");
    expect(outcome.error?.kind).toBe(kind);
    expect(outcome.error?.message).toContain(message);
    expect(outcome.error?.line).toBe(line);
    if (line) expect(outcome.error?.file).toMatch(/\/connector\.py$/);
    expect(outcome.error?.traceback).toMatch(/^Traceback/);
    expect(outcome.counts).toBeDefined();
  });

  it("ends the message where an ExceptionGroup's traceback starts (360)", () => {
    const text = [
      "failed while executing update() error: 2 pages failed (2 sub-exceptions)",
      "  + Exception Group Traceback (most recent call last):",
      '  |   File "/p/connector.py", line 9, in update',
      '  |     raise ExceptionGroup("2 pages failed", errors)',
      "  | ExceptionGroup: 2 pages failed (2 sub-exceptions)",
      "  +-+---------------- 1 ----------------",
      "    | ValueError: page 2: bad cursor",
    ].join("\n");
    const e = classifySdkError(text);
    expect(e.message).toBe("failed while executing update() error: 2 pages failed (2 sub-exceptions)");
    expect(e.traceback).toMatch(/^ {2}\+ Exception Group Traceback/);
    expect(e.line).toBe(9);
  });

  it("reads the counts from the SDK's table, not from rows the error's message holds after it (628)", () => {
    const { outcome, text } = parse("raise");
    const pad = " ".repeat(35);
    const withRows = text.replace(/^(\s*)Error: /m, `$1Error: job summary\n${pad}Upserts    | 0\n${pad}Checkpoints | 12\n${pad}`);
    expect(withRows).toContain("Checkpoints | 12");
    const p = new SdkOutputParser();
    for (const line of withRows.split("\n")) p.push(line);
    const read = p.end();
    expect(read.counts).toEqual(outcome.counts);
    expect(read.error?.message).toMatch(/^job summary\nUpserts {4}\| 0\nCheckpoints \| 12\n/);
  });

  it("asLogged gives a message as the parser reads it back from the SDK's block: colour codes and line ends dropped (628)", () => {
    const message = "failed while executing update() error: \x1b[31mred\x1b[0m  \r\nspaces \t\n\n\u2028mid\rline\u3000\n\x1b[1;4mbold\x1b[m\x1b[2K end";
    // The SDK pads every further line of a message to its message column (35 here) and prints it on stdout.
    const pad = " ".repeat(35);
    const printed = [
      "12:00:00.000 SEVERE   ⚡ sdk       SYNC FAILED — elapsed 00:00:00.100",
      `${pad}Checkpoints     | 0`,
      ...`Error: ${message}`.split("\n").map((line) => pad + line),
      `${pad}Traceback (most recent call last):`,
      `${pad}  File "/p/connector.py", line 3, in update`,
      `${pad}RuntimeError: the message is above`,
      "12:00:00.001 INFO     ⚡ sdk       connector process memory usage: average 1 MB, peak 1 MB",
    ];
    const parser = new SdkOutputParser();
    for (const line of printed) parser.push(line);
    const read = parser.end().error?.message;
    expect(read).toBe(asLogged(message).trimEnd());
    expect(read).toBe("failed while executing update() error: red\nspaces\n\n\u2028mid\rline\nbold\x1b[2K end");
  });

  it.each([
    ["syntax", "syntax", 2],
    ["missing", "import", 1],
    ["noconn", "no_connector", undefined],
    ["badcfg", "configuration", undefined],
    // No configuration.json (nor a configuration argument): the SDK refuses to start.
    ["nocfg", "configuration", undefined],
  ])("reads a failure before the sync (%s)", (name, kind, line) => {
    const { outcome } = parse(name);
    expect(outcome.status).toBeUndefined();
    expect(outcome.error?.kind).toBe(kind);
    expect(outcome.error?.line).toBe(line);
  });

  it("names the missing module", () => {
    expect(parse("missing").outcome.error?.module).toBe("not_a_real_pkg_xyz");
  });

  it("gives an operation the SDK refused the embedded engine's kind, operation, with or without update()'s prefix", () => {
    const refused = "Null primary key found while syncing table tester.t. Primary Key id is null in object.";
    expect(classifySdkError(`failed while executing update() error: ${refused}`).kind).toBe("operation");
    // update() caught the refusal: the SDK fails the sync with the bare message.
    expect(classifySdkError(refused).kind).toBe("operation");
    expect(classifySdkError("failed while executing update() error: Multiple file uploads detected. Only one file upload can be active at a time.").kind).toBe("operation");
    // The connector's own exception, even one that quotes such a message, stays the connector's.
    expect(classifySdkError("failed while executing update() error: upstream said: Null primary key found while syncing table x").kind).toBe("connector_exception");
  });

  it("sys.exit() leaves no result and no error line", () => {
    const { outcome } = parse("exit");
    expect(outcome.status).toBeUndefined();
    expect(outcome.error).toBeUndefined();
    expect(outcome.warnings.some((w) => w.startsWith("avoid using sys.exit()"))).toBe(true);
  });

  it("skips pipreqs' SEVERE lines for the error: the run's own line after them is it (fidelity 317)", () => {
    const p = new SdkOutputParser();
    p.push("18:50:47.376 SEVERE   ⚡ sdk       pipreqs failed after 3 attempts");
    p.push("18:50:47.376 SEVERE   ⚡ sdk       pipreqs failed with error: INFO: Not scanning for jupyter notebooks.");
    p.push("18:50:47.376 SEVERE   ⚡ sdk       ✗ debug run failed error: 'utf-8' codec can't decode byte 0xe9 in position 74: invalid continuation byte");
    expect(p.end().error?.message).toContain("debug run failed error: 'utf-8' codec can't decode byte 0xe9");
  });
});
