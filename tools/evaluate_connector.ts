import { z } from "zod";
import { evaluateConnector } from "../src/evaluate/index.js";
import { answerFolderJob, projectDirInput } from "../src/mcp/project.js";
import { reportFindingSchema } from "../src/findings.js";
import { jobAnswerShape, jobWaitInput } from "../src/jobs.js";
import { defineTool } from "../src/mcp/tool.js";
import { countsSchema } from "../src/runner/run-result.js";
import { projectRedactor } from "../src/state/redaction.js";

export const evaluateConnectorTool = defineTool({
  name: "evaluate_connector",
  title: "Evaluate connector readiness",
  description:
    "Production-readiness report: lint, a clean run (optionally capped), a resume run from the saved state (must " +
    "not re-write everything, lose the state or write after its last checkpoint), data checks (keys, always-null " +
    "columns, type drift, soft deletes), dependencies and peak memory against 1 GB; blocking items first. Works in " +
    "a scratch files/ (the folder's own is put back) and writes EVALUATION.md. A recording in files/recordings/ is " +
    "replayed with faults and crash points. Past wait_seconds: a run_id for run_status and cancel_run (cancelled: " +
    "no verdict).",
  input: {
    project_dir: projectDirInput,
    max_rows: z.coerce.number().int().min(1).optional().describe("Stop each run after this many written rows (for large sources)."),
    timeout_seconds: z.coerce.number().int().min(5).max(3600).default(300).describe("Budget of the whole evaluation in seconds."),
    python: z.string().optional().describe("Python interpreter. Default: FIVETRAN_CONNECTOR_PYTHON, the folder's .venv, then python3."),
    write_markdown: z.boolean().default(true).describe("Write EVALUATION.md beside connector.py."),
    wait_seconds: jobWaitInput,
  },
  output: {
    ...jobAnswerShape,
    verdict: z.enum(["ready", "not_ready", "incomplete"]).optional().describe("not_ready when anything blocks; incomplete when a check could not run."),
    score: z.number().optional().describe("100 − 20 per blocking item − 5 per warning; a summary only."),
    blocking: z.array(reportFindingSchema).optional().describe("What must be fixed before deploying."),
    warnings: z.array(reportFindingSchema).optional().describe("Likely problems."),
    info: z.array(reportFindingSchema).optional().describe("Observations."),
    runs: z
      .array(
        z.object({
          status: z.enum(["succeeded", "failed", "cancelled", "timeout"]).describe("How the run ended."),
          capped: z.boolean().describe("Stopped by max_rows or the timeout."),
          ...countsSchema.pick({ upserts: true, updates: true, deletes: true, checkpoints: true }).shape,
          duration_ms: z.number().describe("Wall time."),
          peak_rss_mb: z.number().optional().describe("Peak memory of the connector process."),
        }),
      )
      .optional()
      .describe("Run 1 (clean) and run 2 (resumed from the saved state)."),
    tables: z
      .array(
        z.object({
          table: z.string().describe("Table."),
          rows: z.number().describe("Rows."),
          deleted: z.number().describe("Soft-deleted rows."),
          primary_key: z.array(z.string()).describe("Key columns."),
          always_null: z.array(z.string()).describe("Columns null in every row."),
        }),
      )
      .optional()
      .describe("The warehouse after the last run."),
    memory: z
      .object({
        peak_rss_mb: z.number().optional().describe("Peak of run 1."),
        limit_mb: z.number().describe("Production limit."),
        rows_to_limit: z.number().optional().describe("Rows at which the observed growth reaches the limit."),
        note: z.string().describe("How to read it."),
      })
      .optional()
      .describe("Memory against production."),
    markdown_path: z.string().optional().describe("Where EVALUATION.md was written."),
  },
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  async handle(args, ctx) {
    return answerFolderJob("evaluation", ctx, args, async (dir, signal, report) => {
      let step = 0;
      const r = await evaluateConnector({
        projectDir: dir,
        maxRows: args.max_rows,
        timeoutSeconds: args.timeout_seconds,
        python: args.python,
        signal,
        writeMarkdown: args.write_markdown,
        onProgress: (s, total, message) => {
          step = s;
          report({ step: s, total, message });
        },
        onRunProgress: (run, c) => report({ step, total: 6, message: `run ${run}: ${c.upserts} upserts, ${c.updates} updates, ${c.deletes} deletes, ${c.checkpoints} checkpoints` }),
      });
      const redactor = projectRedactor(dir);
      const data = redactor.redactValue({
        status: "done" as const,
        verdict: r.verdict,
        score: r.score,
        blocking: r.blocking,
        warnings: r.warnings,
        info: r.info,
        runs: r.runs.map((x) => ({
          status: x.status,
          capped: x.capped,
          upserts: x.counts.upserts,
          updates: x.counts.updates,
          deletes: x.counts.deletes,
          checkpoints: x.counts.checkpoints,
          duration_ms: x.durationMs,
          ...(x.peakRssMb !== undefined ? { peak_rss_mb: x.peakRssMb } : {}),
        })),
        tables: r.tables.map((t) => ({ table: t.table, rows: t.rows, deleted: t.deleted, primary_key: t.primaryKey, always_null: t.alwaysNull })),
        memory: {
          ...(r.memory.peakRssMb !== undefined ? { peak_rss_mb: r.memory.peakRssMb } : {}),
          limit_mb: r.memory.limitMb,
          ...(r.memory.rowsToLimit !== undefined ? { rows_to_limit: r.memory.rowsToLimit } : {}),
          note: r.memory.note,
        },
        ...(r.markdownPath ? { markdown_path: r.markdownPath } : {}),
      });
      const top = r.blocking.slice(0, 3).map((f) => `[${f.rule}] ${f.message}`);
      const summary =
        `${r.verdict === "ready" ? "Ready" : r.verdict === "not_ready" ? "Not ready" : "Incomplete"}: ${r.blocking.length} blocking, ${r.warnings.length} warning(s), score ${r.score}/100.` +
        (top.length ? ` Fix first: ${top.join(" ")}` : "") +
        (r.markdownPath ? ` Report: ${r.markdownPath}.` : "");
      return { summary: redactor.redact(summary), data };
    });
  },
});
