import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { backupState, diffStates, listStateBackups, parseState, readStateFile, resetState, resolveStateRef, writeStateFile } from "../state/index.js";
import { projectRedactor } from "../state/redaction.js";
import { Workspace } from "../workspace/workspace.js";
import { EXIT_OK, UsageError, runCommand, flag, str, strOr, type CliIO } from "./io.js";

export const usage = `fivetran-connector-mcp state <get|set|reset|diff> [DIR] [options]

Reads and changes files/state.json of the connector in DIR (default: the current folder).
  get                      print the state and the list of backups
  set --value JSON | --file PATH
                           replace the state (the previous one is kept as files/state.json.bak-<time>)
  reset [--warehouse]      delete the state (kept as a backup); --warehouse also deletes files/warehouse.db
  diff [--from REF] [--to REF]
                           compare two states; REF is current, latest_backup (default from), a backup name or JSON
  --json                   print JSON instead of text`;

export function run(argv: string[], io: CliIO): Promise<number> {
  return runCommand(argv, io, { json: flag, value: str, file: str, warehouse: flag, from: strOr("latest_backup"), to: strOr("current") }, async (values, positionals, json) => {
    const [action, dirArg] = positionals;
    if (!action || !["get", "set", "reset", "diff"].includes(action)) throw new UsageError("state needs an action: get, set, reset or diff");
    const dir = await new Workspace().projectDir(dirArg ?? ".");
    const redactor = projectRedactor(dir);
    const print = (data: unknown, text: string) => io.out(json ? JSON.stringify(redactor.redactValue(data), null, 2) : redactor.redact(text));

    if (action === "get") {
      const snap = await readStateFile(dir);
      const backups = await listStateBackups(dir);
      print(
        { ...snap, backups: backups.map((b) => b.name) },
        `${snap.exists ? JSON.stringify(snap.state, null, 2) : "(no state: files/state.json does not exist)"}\n${backups.length} backup(s)${backups.length ? `, newest ${backups[0].name}` : ""}`,
      );
    } else if (action === "set") {
      if (!values.value === !values.file) throw new UsageError("state set needs exactly one of --value JSON or --file PATH");
      const state = values.value !== undefined ? parseState(values.value, "--value") : parseState(await readFile(resolve(values.file!), "utf8"), values.file!);
      const backup = await backupState(dir);
      const w = await writeStateFile(dir, state);
      print({ ...w, backup }, `wrote ${w.path} (${w.bytes} bytes)${backup ? `; previous state kept as ${backup}` : ""}`);
    } else if (action === "reset") {
      const r = await resetState(dir, { warehouse: values.warehouse });
      print(
        { backup: r.backup, warehouseRemoved: r.warehouseRemoved },
        `${r.backup ? `state cleared; backup ${r.backup}` : "no state to clear"}${values.warehouse ? (r.warehouseRemoved ? "; files/warehouse.db deleted" : "; no files/warehouse.db") : ""}`,
      );
    } else {
      const a = await resolveStateRef(dir, values.from);
      const b = await resolveStateRef(dir, values.to);
      const d = diffStates(a.state, b.state);
      const lines = [`${a.label} -> ${b.label}: ${d.unchanged ? "equal" : `${d.added.length} added, ${d.removed.length} removed, ${d.changed.length} changed`}`];
      for (const c of d.added) lines.push(`+ ${c.path} = ${JSON.stringify(c.after)}`);
      for (const c of d.removed) lines.push(`- ${c.path} (was ${JSON.stringify(c.before)})`);
      for (const c of d.changed) lines.push(`~ ${c.path}: ${JSON.stringify(c.before)} -> ${JSON.stringify(c.after)}`);
      print({ from: a.label, to: b.label, ...d }, lines.join("\n"));
    }
    return EXIT_OK;
  });
}
