import { z } from "zod";
import { installRequirements } from "../src/deps/install.js";
import { answerFolderJob, projectDirInput } from "../src/mcp/project.js";
import { requirementFinding } from "../src/deps/requirements.js";
import { reportFindingSchema } from "../src/findings.js";
import { jobAnswerShape, jobWaitInput } from "../src/jobs.js";
import { defineTool } from "../src/mcp/tool.js";

export const installRequirementsTool = defineTool({
  name: "install_requirements",
  title: "Install connector dependencies",
  description:
    "Creates .venv in the connector folder if missing and pip-installs requirements.txt plus requests " +
    "(pre-installed in production); run_debug then uses .venv/bin/python. Refuses requirements.txt listing " +
    "fivetran-connector-sdk or requests. Past wait_seconds: a run_id for run_status and cancel_run. A failure names " +
    "the package that is missing, conflicts or does not build.",
  input: {
    project_dir: projectDirInput,
    python: z.string().optional().describe("Python 3.10–3.14 used to create .venv. Default: FIVETRAN_CONNECTOR_PYTHON, else python3."),
    upgrade: z.boolean().default(false).describe("Upgrade packages within requirements.txt's ranges."),
    recreate: z.boolean().default(false).describe("Delete .venv first; build it anew."),
    include_sdk: z.boolean().default(false).describe("Also install fivetran-connector-sdk into .venv, for engine 'sdk'."),
    timeout_seconds: z.coerce.number().int().min(10).max(3600).default(600).describe("Give up on pip after this many seconds."),
    wait_seconds: jobWaitInput,
  },
  output: {
    ...jobAnswerShape,
    venv: z.string().optional().describe("Absolute path of .venv."),
    python: z.string().optional().describe("The venv's interpreter, which run_debug will use."),
    python_version: z.string().optional().describe("Its version."),
    created: z.boolean().optional().describe("True when .venv was created by this call."),
    moved_aside: z.string().optional().describe("Where a .venv this server did not build was moved, unrun."),
    requirements: z.number().optional().describe("Number of requirement lines in requirements.txt."),
    installed: z
      .array(z.object({ name: z.string().describe("Distribution."), version: z.string().describe("Version.") }))
      .optional()
      .describe("Packages pip installed or upgraded (empty when all were already present)."),
    warnings: z.array(reportFindingSchema).optional().describe("Non-blocking requirements.txt findings, e.g. packages not pinned with ==."),
    duration_ms: z.number().optional().describe("Wall time."),
  },
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async handle(args, ctx) {
    return answerFolderJob("install", ctx, args, async (dir, signal, report) => {
      const r = await installRequirements({
        projectDir: dir,
        python: args.python,
        upgrade: args.upgrade,
        recreate: args.recreate,
        includeSdk: args.include_sdk,
        timeoutSeconds: args.timeout_seconds,
        signal,
        onProgress: (step, message) => {
          report({ step, message });
          ctx.log("info", message);
        },
      });
      const warnings = r.issues.filter((i) => i.severity === "warning").map(requirementFinding);
      const summary =
        (r.movedAside ? `Moved the existing .venv, which this server did not build, aside to ${r.movedAside} without running it. ` : "") +
        `${r.created ? "Created" : "Reused"} .venv (Python ${r.pythonVersion}); ` +
        (r.installed.length ? `installed ${r.installed.map((p) => `${p.name}==${p.version}`).join(", ")}.` : "nothing new to install.") +
        (warnings.length ? ` ${warnings.length} warning(s) about requirements.txt.` : "") +
        " run_debug now uses this venv.";
      return {
        summary,
        data: {
          status: "done" as const,
          venv: r.venv,
          python: r.python,
          python_version: r.pythonVersion,
          created: r.created,
          ...(r.movedAside ? { moved_aside: r.movedAside } : {}),
          requirements: r.requirements,
          installed: r.installed,
          warnings,
          duration_ms: r.durationMs,
        },
      };
    });
  },
});
