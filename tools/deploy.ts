import { z } from "zod";
import { ToolError } from "../src/errors.js";
import { planDeploy, PYTHON_VERSIONS, runDeploy } from "../src/deploy/index.js";
import { openProject, projectDirInput } from "../src/mcp/project.js";
import { reportFindingSchema } from "../src/findings.js";
import { defineTool } from "../src/mcp/tool.js";

export const deploy = defineTool({
  name: "deploy",
  title: "Deploy connector to Fivetran",
  description:
    "Deploys with the real `fivetran deploy` (pipx-installed, outside the connector folder) after the " +
    "pre-deploy checks (lint errors, requirements.txt, configuration.json, connection name); refuses while an error " +
    "remains. Needs the user's consent: asked through the client when it supports elicitation, else the first call " +
    "returns status 'needs_confirmation' with the plan; call again with confirm=true only once the user agreed. The " +
    "API key is FIVETRAN_API_KEY from the server's environment. New connections start paused; allow_update=true " +
    "overwrites an existing one.",
  input: {
    project_dir: projectDirInput,
    destination: z.string().optional().describe("Destination (group) name in Fivetran. Default: FIVETRAN_DESTINATION_NAME."),
    connection: z.string().optional().describe("Connection (destination schema) name, [a-z_][a-z0-9_]*. Default: FIVETRAN_CONNECTION_NAME."),
    python_version: z.enum(PYTHON_VERSIONS).optional().describe("Python the connection runs on in Fivetran. Default: the SDK's default."),
    python: z.string().optional().describe("Python whose fivetran command is used, outside the folder. Default: FIVETRAN_CONNECTOR_PYTHON, then PATH."),
    allow_update: z.boolean().default(false).describe("Overwrite an existing connection's code and configuration."),
    confirm: z.boolean().default(false).describe("Set to true only after the user agreed to this deploy."),
    timeout_seconds: z.coerce.number().int().min(30).max(3600).default(600).describe("Give up after this many seconds."),
  },
  output: {
    status: z
      .enum(["needs_confirmation", "declined", "created", "updated", "setup_tests_failed", "update_declined"])
      .describe(
        "needs_confirmation: nothing was deployed, ask the user; created/updated: done; setup_tests_failed: the connection exists but its setup tests failed; update_declined: the connection exists and allow_update was false.",
      ),
    destination: z.string().describe("Destination used."),
    connection: z.string().describe("Connection name used."),
    checks: z.array(reportFindingSchema).describe("Pre-deploy findings (warnings only, since errors refuse the deploy)."),
    connection_id: z.string().optional().describe("Fivetran connection id."),
    dashboard_url: z.string().optional().describe("Where to start the first sync."),
    runtime_python_version: z.string().optional().describe("Python version of the connection in Fivetran."),
    failed_tests: z.array(z.object({ title: z.string().describe("Test."), status: z.string().describe("Status."), message: z.string().describe("Message.") })).describe("Setup tests that failed."),
    log_tail: z.array(z.string()).describe("Last lines of the fivetran output (API key and secrets masked)."),
  },
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  async handle(args, ctx) {
    const project = await openProject(ctx, args.project_dir);
    const dir = project.root;
    const opts = {
      projectDir: dir,
      destination: args.destination,
      connection: args.connection,
      pythonVersion: args.python_version,
      python: args.python,
      allowUpdate: args.allow_update,
      signal: ctx.signal,
      timeoutSeconds: args.timeout_seconds,
      onLine: (l: string) => ctx.log("info", l),
    };
    const plan = await planDeploy(opts);
    if (plan.blocking.length) {
      throw new ToolError(
        "deploy",
        `Deploy refused: ${plan.blocking.length} pre-deploy check(s) failed:\n${plan.blocking.map((c) => `- [${c.rule}] ${c.file ? `${c.file}${c.line ? `:${c.line}` : ""}: ` : ""}${c.message}`).join("\n")}`,
        plan.blocking.map((c) => c.hint).join(" "),
      );
    }
    const warnings = plan.checks;
    const base = { destination: plan.destination, connection: plan.connection, checks: warnings, failed_tests: [], log_tail: [] };
    const question =
      `Deploy ${dir} to Fivetran as connection '${plan.connection}' in destination '${plan.destination}'` +
      `${args.allow_update ? " (overwriting it if it exists)" : ""}? It uploads the code and configuration.json and creates a paused connection.`;
    if (!args.confirm) {
      if (ctx.confirm) {
        if (!(await ctx.confirm(question))) return { summary: "The user declined the deploy; nothing was deployed.", data: { status: "declined" as const, ...base } };
      } else {
        return {
          summary: `Nothing deployed yet. Ask the user: "${question}" If they agree, call deploy again with the same arguments and confirm=true.`,
          data: { status: "needs_confirmation" as const, ...base },
        };
      }
    }
    ctx.progress(0, undefined, "running fivetran deploy");
    const r = await runDeploy(plan, opts);
    const common = {
      ...base,
      ...(r.connectionId ? { connection_id: r.connectionId } : {}),
      ...(r.dashboardUrl ? { dashboard_url: r.dashboardUrl } : {}),
      ...(r.runtimePythonVersion ? { runtime_python_version: r.runtimePythonVersion } : {}),
      failed_tests: r.failedTests,
      log_tail: r.logTail,
    };
    if (r.outcome === "created" || r.outcome === "updated") {
      return {
        summary: `Connection ${r.outcome}: ${r.connectionId ?? "(id not printed)"}. It is paused; start the first sync at ${r.dashboardUrl ?? "the Fivetran dashboard"}.`,
        data: { status: r.outcome, ...common },
      };
    }
    if (r.outcome === "setup_tests_failed") {
      return {
        summary: `The connection ${r.connectionId ?? ""} was deployed but its setup tests failed: ${r.failedTests.map((t) => `${t.title}: ${t.message}`).join("; ")}. Fix the connector or configuration and deploy again with allow_update=true.`,
        data: { status: "setup_tests_failed" as const, ...common },
      };
    }
    if (r.outcome === "update_declined") {
      return {
        summary: `Connection '${plan.connection}' already exists in '${plan.destination}'; nothing was changed. To overwrite its code, ask the user and call again with allow_update=true.`,
        data: { status: "update_declined" as const, ...common },
      };
    }
    throw new ToolError(
      "deploy",
      `fivetran deploy failed (exit code ${r.exitCode}): ${r.errors.join(" ") || r.logTail.slice(-3).join(" ")}`,
      "Fix what the message names and deploy again; the full output is in the server log.",
    );
  },
});
