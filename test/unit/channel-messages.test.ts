import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RunTracker } from "../../src/runner/context.js";
import { SyncSession } from "../../src/runner/session.js";
import { WarehouseWriter } from "../../src/warehouse/writer.js";
import { Redactor } from "../../src/workspace/redact.js";

// Both readers of a harness channel (a sync's session, the setup tests) hand log and warning records to the
// tracker through one method; only a sync also shows a warning among its log lines, as `fivetran debug` prints it.
const SECRET = "tok-9f8e7d6c5b4a";

describe("log and warning records of a harness channel", () => {
  it("reach the tracker masked: a log line as the connector's, a warning for the result only", () => {
    const tracker = new RunTracker(new Redactor({ token: SECRET }), {});
    tracker.fromChannel({ t: "log", level: "INFO", message: `fetched with ${SECRET}` });
    tracker.fromChannel({ t: "warning", message: `plain-text ${SECRET}` });
    expect(tracker.logTail()).toEqual([`INFO     connector fetched with ****`]);
    // The log line showed the configuration's token: masked, and named in a warning of its own (key, never value).
    expect(tracker.warnings).toEqual([expect.stringContaining("showed the secret configuration value 'token'"), "plain-text ****"]);
    expect(tracker.warnings.join("\n")).not.toContain(SECRET);
  });

  it("in a sync also put the warning among the log lines, as a WARNING of the sdk's", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "channel-messages-")), "connector");
    mkdirSync(dir);
    const writer = await WarehouseWriter.open(dir);
    const tracker = new RunTracker(new Redactor(), {});
    const session = new SyncSession(writer, tracker, () => undefined, {});
    await session.handle(JSON.stringify({ t: "log", level: "DEBUG", message: "page 1" }));
    await session.handle(JSON.stringify({ t: "warning", message: "Table t has no primary key" }));
    expect(tracker.logTail()).toEqual(["DEBUG    connector page 1", "WARNING  sdk Table t has no primary key"]);
    expect(tracker.warnings).toEqual(["Table t has no primary key"]);
    await writer.close();
  });
});
