import { execFileSync } from "node:child_process";
import { HARNESS_DIR } from "../../src/paths.js";
import { learnPythonDigits, type PythonDigits } from "../../src/warehouse/cells.js";

/**
 * Which characters of `texts` python3 reads as decimal digits, as a sync learns them: the harness's own note_digits()
 * runs over each text as it would over a row's encoded line, and its `digits` records are learned into a table. For
 * tests that call the cell functions directly, without a run in front of them.
 */
export function pythonDigitsOf(texts: string[], python = "python3"): PythonDigits {
  const digits: PythonDigits = new Map();
  const script = `
import io, json, sys
sys.path.insert(0, sys.argv[1])
from fivetran_connector_sdk import _channel
_channel._out = out = io.StringIO()
for text in json.load(sys.stdin):
    _channel.note_digits(json.dumps(text))
sys.stdout.write(out.getvalue())
`;
  const out = execFileSync(python, ["-c", script, HARNESS_DIR], { input: JSON.stringify(texts), encoding: "utf8", maxBuffer: 64 << 20 });
  for (const line of out.split("\n")) if (line) learnPythonDigits(digits, (JSON.parse(line) as { digits: unknown }).digits);
  return digits;
}
