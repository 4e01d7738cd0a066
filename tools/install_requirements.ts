import { z } from "zod";
import { installRequirements } from "../src/deps/install.js";
import { openProject, projectDirInput } from "../src/mcp/project.js";
import { requirementFinding } from "../src/deps/requirements.js";
import { reportFindingSchema } from "../src/findings.js";
import { defineTool } from "../src/mcp/tool.js";

export const installRequirementsTool = defineTool({
  name: "install_requirements",
  title: "Install connector dependencies",
  description:
    "Creates .venv in the connector folder (if missing) and installs requirements.txt into it with pip from the real " +
    "package index. run_debug then uses .venv/bin/python automatically. Refuses a requirements.txt that lists " +
    "fivetran-connector-sdk or requests (pre-installed in production; deploy rejects them). On failure the error names " +
    "the package that does not exist, has no such version, conflicts or does not build. Can take minutes; reports progress.",
  input: {
    project_dir: projectDirInput,
    python: z.string().optional().describe("Python 3.10–3.14 used to create .venv. Default: FIVETRAN_CONNECTOR_PYTHON, else python3."),
    upgrade: z.boolean().default(false).describe("Upgrade already installed packages to the newest versions requirements.txt allows."),
    recreate: z.boolean().default(false).describe("Delete .venv first and build it from scratch."),
    include_sdk: z
      .boolean()
      .default(false)
      .describe("Also install fivetran-connector-sdk into .venv (not into requirements.txt), for run_debug engine='sdk' and deploy."),
    timeout_seconds: z.coerce.number().int().min(10).max(3600).default(600).describe("Give up on pip after this many seconds."),
  },
  output: {
    venv: z.string().describe("Absolute path of .venv."),
    python: z.string().describe("The venv's interpreter, which run_debug will use."),
    python_version: z.string().describe("Its version."),
    created: z.boolean().describe("True when .venv was created by this call."),
    requirements: z.number().describe("Number of requirement lines in requirements.txt."),
    installed: z.array(z.object({ name: z.string().describe("Distribution."), version: z.string().describe("Version.") })).describe("Packages pip installed or upgraded (empty when all were already present)."),
    warnings: z
      .array(reportFindingSchema)
      .describe("Non-blocking requirements.txt findings, e.g. packages not pinned with ==."),
    duration_ms: z.number().describe("Wall time."),
  },
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async handle(args, ctx) {
    const project = await openProject(ctx, args.project_dir);
    const dir = project.root;
    const r = await installRequirements({
      projectDir: dir,
      python: args.python,
      upgrade: args.upgrade,
      recreate: args.recreate,
      includeSdk: args.include_sdk,
      timeoutSeconds: args.timeout_seconds,
      signal: ctx.signal,
      onProgress: (step, message) => {
        ctx.progress(step, undefined, message);
        ctx.log("info", message);
      },
    });
    const warnings = r.issues.filter((i) => i.severity === "warning").map(requirementFinding);
    const summary =
      `${r.created ? "Created" : "Reused"} .venv (Python ${r.pythonVersion}); ` +
      (r.installed.length ? `installed ${r.installed.map((p) => `${p.name}==${p.version}`).join(", ")}.` : "nothing new to install.") +
      (warnings.length ? ` ${warnings.length} warning(s) about requirements.txt.` : "") +
      " run_debug now uses this venv.";
    return {
      summary,
      data: { venv: r.venv, python: r.python, python_version: r.pythonVersion, created: r.created, requirements: r.requirements, installed: r.installed, warnings, duration_ms: r.durationMs },
    };
  },
});
