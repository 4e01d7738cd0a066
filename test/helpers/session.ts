import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RunTracker } from "../../src/runner/context.js";
import { SyncSession } from "../../src/runner/session.js";
import { WarehouseWriter } from "../../src/warehouse/writer.js";
import { Redactor } from "../../src/workspace/redact.js";
import type { Answer } from "../../src/protocol.js";

/**
 * A sync session over a real warehouse in a new connector folder (`prefix` names its temporary parent), with the
 * acknowledgements it sends kept in `acks`; `feed` hands it one channel record and waits for what that record awaits.
 */
export async function sessionOverWarehouse(prefix: string) {
  const dir = join(mkdtempSync(join(tmpdir(), prefix)), "connector");
  mkdirSync(dir);
  const writer = await WarehouseWriter.open(dir);
  const tracker = new RunTracker(new Redactor(), {});
  const acks: Answer[] = [];
  const s = new SyncSession(writer, tracker, (answer) => acks.push(answer), {});
  const feed = async (rec: unknown) => {
    const wait = s.handle(JSON.stringify(rec));
    if (wait) await wait;
  };
  return { dir, s, writer, tracker, acks, feed };
}
