import { z } from "zod";
import { jobWaitInput } from "../jobs.js";
import { projectDirInput } from "../mcp/project.js";

/**
 * The arguments and result fields the proof tools share (crash_resume, inject_faults, make_receipt, check_receipt), described once and briefly: every tool in tools/list costs the client's context, and what run_debug
 * already explains (the interpreter, the timeout) is not explained again.
 */
export const proofInput = {
  project_dir: projectDirInput,
  python: z.string().optional().describe("Python interpreter, chosen as run_debug does."),
  replay: z.string().optional().describe("Recording (files/recordings/NAME) to serve every run from; default: the live API."),
  wait_seconds: jobWaitInput,
};

export const timeoutInput = (seconds: number) => z.coerce.number().int().min(5).max(3600).default(seconds).describe("Per run.");
