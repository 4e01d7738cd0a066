import { lint } from "../lint/engine.js";
import { formatText, toSarif } from "../lint/format.js";
import { lintResultData } from "../lint/result-shape.js";
import { PROFILES, type Profile } from "../lint/types.js";
import { Workspace } from "../workspace/workspace.js";
import { choiceOption, EXIT_FAILED, EXIT_OK, folderArg, runCommand, flag, str, strOr, type CliIO } from "./io.js";
import { pathToFileURL } from "node:url";

export const usage = `fivetran-connector-mcp lint [DIR] [options]

Lints the connector in DIR (default: the current folder): connector.py and helper modules,
requirements.txt and configuration.json. Exit 1 when there are errors, 2 on bad usage.
  --format text|json|sarif   output format (default text; sarif is SARIF 2.1.0 for code scanning)
  --fix                      apply the safe fixes in place, then report what is left
  --profile P                guidelines (default), sdk or fivetran-examples
  --target-sdk V             SDK version to lint for (e.g. 2.8.1); default: a pin in requirements, else the latest
  --rules ID,ID              only these rules`;

export function run(argv: string[], io: CliIO): Promise<number> {
  return runCommand(
    argv,
    io,
    { format: strOr("text"), fix: flag, profile: strOr("guidelines"), "target-sdk": str, rules: str },
    async (values, positionals) => {
      const format = choiceOption(values.format, "--format", ["text", "json", "sarif"]);
      const profile = choiceOption<Profile>(values.profile, "--profile", PROFILES);
      const folder = folderArg(positionals, "lint");
      const dir = await new Workspace().projectDir(folder);
      const result = await lint(dir, {
        profile,
        targetSdk: values["target-sdk"],
        rules: values.rules
          ? values.rules
              .split(",")
              .map((s) => s.trim())
              .filter(Boolean)
          : undefined,
        fix: values.fix,
      });
      if (format === "json") {
        io.out(JSON.stringify(lintResultData(result), null, 2));
      } else if (format === "sarif") {
        const { SERVER_VERSION } = await import("../server.js").catch(() => ({ SERVER_VERSION: "0.0.0" }));
        io.out(JSON.stringify(toSarif(result, SERVER_VERSION, pathToFileURL(dir).href), null, 2));
      } else {
        io.out(formatText(result, positionals[0] && positionals[0] !== "." ? positionals[0] : ""));
      }
      return result.summary.errors > 0 ? EXIT_FAILED : EXIT_OK;
    },
    (values) => values.format !== "text",
  );
}
