import { describe, expect, it } from "vitest";
import type { CliCommand, CliIO } from "../../src/cli/io.js";

// Every command that takes options: an unknown flag is bad usage (exit 2), never reported as a bug in this tool.
const commands: Record<string, () => Promise<CliCommand>> = {
  debug: () => import("../../src/cli/debug.js"),
  deploy: () => import("../../src/cli/deploy.js"),
  describe: () => import("../../src/cli/describe.js"),
  evaluate: () => import("../../src/cli/evaluate.js"),
  install: () => import("../../src/cli/install.js"),
  lint: () => import("../../src/cli/lint.js"),
  query: () => import("../../src/cli/query.js"),
  scaffold: () => import("../../src/cli/scaffold.js"),
  state: () => import("../../src/cli/state.js"),
  "crash-resume": () => import("../../src/cli/crash-resume.js"),
  faults: () => import("../../src/cli/faults.js"),
  receipt: () => import("../../src/cli/receipt.js"),
};

function capture(): CliIO & { text: () => string } {
  const lines: string[] = [];
  return { out: (t) => lines.push(t), err: (t) => lines.push(t), text: () => lines.join("\n") };
}

describe("CLI usage errors", () => {
  for (const [name, load] of Object.entries(commands)) {
    it(`${name} answers an unknown option with exit 2 and the option's name`, async () => {
      const mod = await load();
      const io = capture();
      const code = await mod.run(["--no-such-flag"], io);
      expect(code).toBe(2);
      expect(io.text()).toContain("--no-such-flag");
      expect(io.text()).not.toContain("This is a bug");
    });
  }
});
