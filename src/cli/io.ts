import { parseArgs, type ParseArgsConfig } from "node:util";
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

type Options = NonNullable<ParseArgsConfig["options"]>;
type Values<O extends Options> = ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: O }>>["values"];

/**
 * The frame every command shares: parse argv with `options` (positionals allowed), run `body`, and report what it
 * throws the one way (reportError): JSON on stdout when the command was asked for JSON (`--json`, unless
 * `asJson` says how this command is), else a message on stderr.
 */
export async function runCommand<O extends Options>(
  argv: string[],
  io: CliIO,
  options: O,
  body: (values: Values<O>, positionals: string[], json: boolean) => Promise<number>,
  asJson: (values: Values<O>) => boolean = (values) => (values as { json?: unknown }).json === true,
): Promise<number> {
  let json = false;
  try {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options });
    json = asJson(values);
    return await body(values, positionals, json);
  } catch (e) {
    return reportError(e, io, json);
  }
}

export { ToolError };
