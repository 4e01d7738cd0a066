import { z } from "zod";
import { projectDirInput } from "../mcp/project.js";

/**
 * The arguments and result fields the proof tools share (crash_resume, inject_faults, make_receipt, check_receipt,
 * proof_status), described once and briefly: every tool in tools/list costs the client's context, and what run_debug
 * already explains (the interpreter, the timeout) is not explained again.
 */
export const proofInput = {
  project_dir: projectDirInput,
  python: z.string().optional().describe("Python interpreter, chosen as run_debug does."),
  replay: z.string().optional().describe("Recording (files/recordings/NAME) to serve every run from; default: the live API."),
  wait_seconds: z.coerce.number().min(0).max(55).default(20).describe("Seconds to wait before returning a job_id."),
};

export const timeoutInput = (seconds: number) => z.coerce.number().int().min(5).max(3600).default(seconds).describe("Per run.");

/** A job's fields: status and job_id always; kind, elapsed_ms and steps while it runs. */
export const jobShape = {
  status: z.enum(["running", "done"]).describe("running: call proof_status with job_id."),
  job_id: z.string(),
  kind: z.string().optional(),
  elapsed_ms: z.number().optional(),
  steps: z.array(z.string()).optional(),
};
