import { ToolError, toToolError } from "../errors.js";
import { patternRedactor } from "../workspace/redact.js";

/** Exit codes shared by every CLI command. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
}

export const processIO: CliIO = {
  out: (t) => process.stdout.write(t.endsWith("\n") ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith("\n") ? t : `${t}\n`),
};

/** A CLI command module exports `run`; its `usage` is shown by `help`. */
export interface CliCommand {
  usage: string;
  run(argv: string[], io: CliIO): Promise<number>;
}

export class UsageError extends Error {}

/** Prints a ToolError the way a compiler would, and maps it to an exit code. */
/** node:util parseArgs rejects unknown or malformed options with these codes: that is bad usage, not a bug. */
function isParseArgsError(e: unknown): e is Error {
  const code = (e as { code?: unknown } | null)?.code;
  return e instanceof Error && typeof code === "string" && code.startsWith("ERR_PARSE_ARGS");
}

export function reportError(e: unknown, io: CliIO, json: boolean): number {
  if (e instanceof UsageError || isParseArgsError(e)) {
    io.err(`error: ${e.message}\nRun with --help for the options.`);
    return EXIT_USAGE;
  }
  const err = toToolError(e);
  if (json) {
    io.out(JSON.stringify({ error: { code: err.code, message: patternRedactor.redact(err.message), hint: err.hint } }));
  } else {
    io.err(`error (${err.code}): ${patternRedactor.redact(err.message)}`);
    if (err.hint) io.err(`hint: ${err.hint}`);
  }
  return err.code === "invalid_argument" || err.code === "not_found" ? EXIT_USAGE : EXIT_FAILED;
}

export { ToolError };
