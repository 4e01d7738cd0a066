import { describe, expect, it } from "vitest";
import { choiceOption, folderArg, numberOption, UsageError, type CliCommand, type CliIO } from "../../src/cli/io.js";
import { thrown } from "../helpers/thrown.js";

// Every command that takes options: an unknown flag is bad usage (exit 2), never reported as a bug in this tool.
const commands: Record<string, () => Promise<CliCommand>> = {
  serve: () => import("../../src/cli/serve.js"),
  demo: () => import("../../src/cli/demo.js"),
  debug: () => import("../../src/cli/debug.js"),
  deploy: () => import("../../src/cli/deploy.js"),
  describe: () => import("../../src/cli/describe.js"),
  evaluate: () => import("../../src/cli/evaluate.js"),
  install: () => import("../../src/cli/install.js"),
  lint: () => import("../../src/cli/lint.js"),
  query: () => import("../../src/cli/query.js"),
  scaffold: () => import("../../src/cli/scaffold.js"),
  state: () => import("../../src/cli/state.js"),
  configuration: () => import("../../src/cli/configuration.js"),
  "crash-resume": () => import("../../src/cli/crash-resume.js"),
  faults: () => import("../../src/cli/faults.js"),
  receipt: () => import("../../src/cli/receipt.js"),
};

function capture(): CliIO & { text: () => string } {
  const lines: string[] = [];
  return { out: (t) => lines.push(t), err: (t) => lines.push(t), text: () => lines.join("\n") };
}

const USAGE_TAIL = "\nRun with --help for the options.";

describe("CLI usage errors", () => {
  for (const [name, load] of Object.entries(commands)) {
    it(`${name} answers an unknown option with exit 2, the option's name and the one pointer to --help`, async () => {
      const mod = await load();
      const io = capture();
      const code = await mod.run(["--no-such-flag"], io);
      expect(code).toBe(2);
      expect(io.text()).toMatch(/^error: .*'--no-such-flag'/);
      expect(io.text().endsWith(USAGE_TAIL)).toBe(true);
    });
  }

  // The same bad value gets the same sentence from every command that takes the option, before any work starts.
  const badTimeout: [string, string[]][] = [
    ["debug", ["--timeout", "soon"]],
    ["crash-resume", ["--timeout", "soon"]],
    ["faults", ["--timeout", "soon"]],
    ["configuration", ["--test", "--timeout", "soon"]],
  ];
  for (const [name, args] of badTimeout) {
    it(`${name} --timeout soon: one wording`, async () => {
      const io = capture();
      expect(await (await commands[name]()).run(args, io)).toBe(2);
      expect(io.text()).toBe(`error: --timeout must be a number greater than 0, not 'soon'${USAGE_TAIL}`);
    });
  }

  for (const name of ["debug", "lint", "describe", "evaluate", "install", "deploy", "crash-resume", "faults"]) {
    it(`${name} with two folders: one wording`, async () => {
      const io = capture();
      expect(await (await commands[name]()).run(["a", "b"], io)).toBe(2);
      expect(io.text()).toBe(`error: ${name} takes one folder, got 2${USAGE_TAIL}`);
    });
  }

  it("receipt names its action in the same sentence", async () => {
    const io = capture();
    expect(await (await commands.receipt()).run(["check", "a", "b"], io)).toBe(2);
    expect(io.text()).toBe(`error: receipt check takes one folder, got 2${USAGE_TAIL}`);
  });

  it("a bad choice and a bad whole number read alike", async () => {
    const engine = capture();
    expect(await (await commands.debug()).run(["--engine", "bogus"], engine)).toBe(2);
    expect(engine.text()).toBe(`error: --engine must be one of auto, embedded, sdk, not 'bogus'${USAGE_TAIL}`);
    const naming = capture();
    expect(await (await commands.debug()).run(["--naming", "SOURCE_NAMING"], naming)).toBe(2);
    expect(naming.text()).toBe(`error: --naming must be one of fivetran, source, not 'source_naming'${USAGE_TAIL}`);
    const checkpoint = capture();
    expect(await (await commands["crash-resume"]()).run(["--checkpoint", "1.5"], checkpoint)).toBe(2);
    expect(checkpoint.text()).toBe(`error: --checkpoint must be a whole number of at least 1, not '1.5'${USAGE_TAIL}`);
  });
});

describe("the option readers", () => {
  const usage = (f: () => unknown) => thrown(f, UsageError).message;

  it("numberOption: absent is undefined; each rule has its sentence", () => {
    expect(numberOption(undefined, "--n", { min: 1 })).toBeUndefined();
    expect(numberOption("2.5", "--n", { above: 0 })).toBe(2.5);
    expect(numberOption("7", "--n", { whole: true, min: 1, max: 10 })).toBe(7);
    expect(usage(() => numberOption("", "--n", { above: 0 }))).toBe("--n must be a number greater than 0, not ''");
    expect(usage(() => numberOption("0", "--n", { above: 0 }))).toBe("--n must be a number greater than 0, not '0'");
    expect(usage(() => numberOption("11", "--n", { whole: true, min: 1, max: 10 }))).toBe("--n must be a whole number from 1 to 10, not '11'");
    expect(usage(() => numberOption("15", "--n", { min: 16 }))).toBe("--n must be a number of at least 16, not '15'");
    expect(usage(() => numberOption("Infinity", "--n", { min: 0 }))).toBe("--n must be a number of at least 0, not 'Infinity'");
  });

  it("choiceOption and folderArg", () => {
    expect(choiceOption("json", "--format", ["text", "json"])).toBe("json");
    expect(usage(() => choiceOption("xml", "--format", ["text", "json"]))).toBe("--format must be one of text, json, not 'xml'");
    expect(folderArg([], "lint")).toBe(".");
    expect(folderArg(["dir"], "lint")).toBe("dir");
    expect(usage(() => folderArg(["a", "b", "c"], "lint"))).toBe("lint takes one folder, got 3");
  });
});
