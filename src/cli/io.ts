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

/** node:util parseArgs rejects unknown or malformed options with these codes: that is bad usage, not a bug. */
function isParseArgsError(e: unknown): e is Error {
  const code = (e as { code?: unknown } | null)?.code;
  return e instanceof Error && typeof code === "string" && code.startsWith("ERR_PARSE_ARGS");
}

/**
 * Prints an error the one way and maps it to an exit code: bad usage (a UsageError or parseArgs' own, for an unknown
 * or malformed option) as one line and a pointer to --help; a ToolError the way a compiler would.
 */
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

/** The kinds of option a command's table holds: a value, a repeatable value, a value with a default, a switch. */
export const str = { type: "string" } as const;
export const strList = { type: "string", multiple: true } as const;
export const strOr = (value: string) => ({ type: "string", default: value }) as const;
export const flag = { type: "boolean", default: false } as const;
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

/** The one folder a command works on: the first positional, else the current folder. */
export function folderArg(positionals: string[], command: string): string {
  if (positionals.length > 1) throw new UsageError(`${command} takes one folder, got ${positionals.length}`);
  return positionals[0] ?? ".";
}

/** The range a numeric option accepts; `above` is an exclusive lower bound, `min` and `max` inclusive ones. */
export interface NumberRule {
  whole?: boolean;
  above?: number;
  min?: number;
  max?: number;
}

function describeRule(r: NumberRule): string {
  const kind = r.whole ? "a whole number" : "a number";
  if (r.above !== undefined) return `${kind} greater than ${r.above}`;
  if (r.min !== undefined && r.max !== undefined) return `${kind} from ${r.min} to ${r.max}`;
  if (r.min !== undefined) return `${kind} of at least ${r.min}`;
  return kind;
}

/** Reads a numeric option (undefined when absent), with the one wording for a bad value. */
export function numberOption(raw: string | undefined, flag: string, rule: NumberRule): number | undefined {
  if (raw === undefined) return undefined;
  const n = raw.trim() === "" ? NaN : Number(raw);
  const ok =
    Number.isFinite(n) &&
    (!rule.whole || Number.isInteger(n)) &&
    (rule.above === undefined || n > rule.above) &&
    (rule.min === undefined || n >= rule.min) &&
    (rule.max === undefined || n <= rule.max);
  if (!ok) throw new UsageError(`${flag} must be ${describeRule(rule)}, not '${raw}'`);
  return n;
}

/** Reads an option that takes one of a few words, with the one wording for any other. */
export function choiceOption<C extends string>(raw: string, flag: string, choices: readonly C[]): C {
  if (!(choices as readonly string[]).includes(raw)) throw new UsageError(`${flag} must be one of ${choices.join(", ")}, not '${raw}'`);
  return raw as C;
}

export { ToolError };
