import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A connector folder with connector.py and configuration.json (`{}` unless given; null: no file, which
 * `fivetran debug` and the embedded engine refuse to run).
 */
export function makeConnector(code: string, configuration: Record<string, unknown> | string | null = {}, root?: string): string {
  const base = root ?? realpathSync(mkdtempSync(join(tmpdir(), "runner-")));
  const dir = join(base, `c${Math.random().toString(36).slice(2, 8)}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "connector.py"), code);
  if (configuration !== null) {
    writeFileSync(join(dir, "configuration.json"), typeof configuration === "string" ? configuration : JSON.stringify(configuration));
  }
  return dir;
}

export const HEADER = "from fivetran_connector_sdk import Connector, Operations as op, Logging as log\n";

/**
 * The start of a connector whose update() starts a non-daemon thread that never ends, upserts a row and checkpoints;
 * a test adds the rest of update() and the `connector = ...` line.
 */
export const HEARTBEAT = `import threading, time
${HEADER}
def beat():
    while True:
        time.sleep(0.2)

def update(configuration, state):
    threading.Thread(target=beat, name="heartbeat").start()
    op.upsert("t", {"id": 1})
    op.checkpoint({"n": 1})
`;

/**
 * A connector whose thread calls os._exit(3) half a second after update() returned, having upserted a row,
 * checkpointed and upserted another: `fivetran debug` prints SYNC SUCCEEDED, keeps both rows and exits 3.
 */
export const EXIT_3_AFTER_SYNC = `import threading, time, os
${HEADER}
def late():
    time.sleep(0.5)
    os._exit(3)

def update(configuration, state):
    threading.Thread(target=late, name="exiter").start()
    op.upsert("t", {"id": 1})
    op.checkpoint({"n": 1})
    op.upsert("t", {"id": 2})
connector = Connector(update=update)
`;

/** A connector that checkpoints, then upserts more, then fails: the classic rollback case. */
export const FAIL_AFTER_CHECKPOINT = `${HEADER}
def update(configuration, state):
    start = state.get("n", 0)
    for i in range(start, start + 3):
        op.upsert("items", {"id": i, "v": "x"})
    op.checkpoint({"n": start + 3})
    op.upsert("items", {"id": 100, "v": "lost"})
    if not state:
        raise RuntimeError("boom " + configuration["api_key"])
connector = Connector(update=update, schema=lambda c: [{"table": "items", "primary_key": ["id"]}])
`;
