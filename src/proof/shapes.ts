import { z } from "zod";
import { jobWaitInput, stepReporter, type JobKind, type JobRunningData } from "../jobs.js";
import { answerFolderJob, projectDirInput } from "../mcp/project.js";
import type { ToolContext } from "../mcp/tool.js";
import type { ProofRunOptions } from "./workdir.js";

/**
 * The arguments the proof tools share (crash_resume, inject_faults, make_receipt, check_receipt), described once and
 * briefly: every tool in tools/list costs the client's context, and what run_debug already explains (the
 * interpreter, the timeout) is not explained again.
 */
export const proofInput = {
  project_dir: projectDirInput,
  python: z.string().optional().describe("Python interpreter, chosen as run_debug does."),
  replay: z.string().optional().describe("Recording (files/recordings/NAME) to serve every run from; default: the live API."),
  wait_seconds: jobWaitInput,
};

export const timeoutInput = (seconds: number) => z.coerce.number().int().min(5).max(3600).default(seconds).describe("Per run.");

/** The arguments every proof job tool (crash_resume, inject_faults, make_receipt) takes before its own. */
export const proofJobInput = (timeoutSeconds: number) => ({ ...proofInput, timeout_seconds: timeoutInput(timeoutSeconds) });

/**
 * What crash_resume, inject_faults and make_receipt do with a call: resolve the folder, start the engine as a job of
 * the one registry with the arguments they share, and answer with its result or a run_id.
 */
export async function answerProofJob<T extends Record<string, unknown>>(
  kind: JobKind,
  ctx: ToolContext,
  args: { project_dir?: string; replay?: string; python?: string; timeout_seconds: number; wait_seconds: number },
  work: (run: ProofRunOptions) => Promise<{ summary: string; data: T }>,
): Promise<{ summary: string; data: T | JobRunningData }> {
  return answerFolderJob(kind, ctx, args, (projectDir, signal, report) =>
    work({ projectDir, replay: args.replay, python: args.python, timeoutSeconds: args.timeout_seconds, signal, onStep: stepReporter(report) }),
  );
}
