import { randomUUID } from "node:crypto";
import { z } from "zod";
import { ToolError } from "./errors.js";
import { waitFor } from "./runner/run-result.js";

/**
 * The one registry of long tool calls other than syncs (evaluate_connector, install_requirements and the proof
 * tools crash_resume, inject_faults and make_receipt): clients cut a call near 60 s, so the tool waits up to a bound
 * and then hands back a run_id that run_status polls and cancel_run stops, as run_debug does for syncs. A job's
 * answer is the tool's own result (summary and data), kept for an hour.
 */
export interface JobAnswer {
  summary: string;
  data: Record<string, unknown>;
}

export const JOB_KINDS = ["evaluation", "install", "crash_resume", "inject_faults", "make_receipt"] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/**
 * Jobs that would race each other on a folder's disk hold the same lock: one evaluation and one install per folder,
 * and one proof job (they share files/recordings and make_receipt writes files/receipt.*).
 */
function lockOf(kind: JobKind): string {
  return kind === "evaluation" || kind === "install" ? kind : "proof";
}

export interface JobProgress {
  step: number;
  total?: number;
  message: string;
}

export interface Job {
  id: string;
  kind: JobKind;
  projectDir: string;
  started: number;
  finished?: number;
  progress: JobProgress;
  /** Settles with the tool's answer; rejects with the ToolError the tool would have returned. */
  done: Promise<JobAnswer>;
  answer?: JobAnswer;
  error?: ToolError;
  cancelled: boolean;
  abort: AbortController;
  /** Listeners for progress, one per tool call waiting on the job (run_status calls come and go). */
  listeners: Set<(p: JobProgress) => void>;
}

const jobs = new Map<string, Job>();
const KEEP_FINISHED_MS = 60 * 60 * 1000;

function prune(): void {
  const now = Date.now();
  for (const [id, j] of jobs) if (j.finished !== undefined && now - j.finished > KEEP_FINISHED_MS) jobs.delete(id);
}

/** Starts `work` in the background; a job holding the same lock on the folder refuses it (see lockOf). */
export function startJob(kind: JobKind, projectDir: string, work: (signal: AbortSignal, report: (p: JobProgress) => void) => Promise<JobAnswer>): Job {
  prune();
  for (const j of jobs.values()) {
    if (j.finished === undefined && j.projectDir === projectDir && lockOf(j.kind) === lockOf(kind)) {
      throw new ToolError("locked", `A ${j.kind} job of ${projectDir} is already running (run_id ${j.id}).`, "Wait for it with run_status, or stop it with cancel_run.", j.id);
    }
  }
  const abort = new AbortController();
  const job = { id: randomUUID(), kind, projectDir, started: Date.now(), progress: { step: 0, message: "starting" }, cancelled: false, abort, listeners: new Set() } as unknown as Job;
  const report = (p: JobProgress) => {
    job.progress = p;
    for (const l of job.listeners) l(p);
  };
  job.done = work(abort.signal, report).then(
    (answer) => {
      job.answer = answer;
      job.finished = Date.now();
      return answer;
    },
    (e: unknown) => {
      job.error = e instanceof ToolError ? e : new ToolError("internal", e instanceof Error ? e.message : String(e));
      job.finished = Date.now();
      throw job.error;
    },
  );
  // A job nobody awaits must not become an unhandled rejection.
  job.done.catch(() => {});
  jobs.set(job.id, job);
  return job;
}

export function findJob(id: string): Job | undefined {
  return jobs.get(id);
}

/** Stops a job; resolves when it has ended (its cleanup, such as putting files/ back, done). */
export async function cancelJob(id: string): Promise<Job | undefined> {
  const job = jobs.get(id);
  if (!job) return undefined;
  if (job.finished === undefined) {
    job.cancelled = true;
    job.abort.abort();
  }
  await job.done.catch(() => {});
  return job;
}

export type JobStatus = "running" | "succeeded" | "failed" | "cancelled";

export function jobStatus(job: Job): JobStatus {
  if (job.finished === undefined) return "running";
  if (job.answer) return "succeeded";
  return job.cancelled || job.error?.code === "cancelled" ? "cancelled" : "failed";
}

export interface JobRunningData {
  status: "running";
  run_id: string;
  elapsed_ms: number;
  progress: string;
}

/** The answer for a job still running: what it is doing and how to go on. */
export function runningAnswer(job: Job): { summary: string; data: JobRunningData } {
  const elapsedMs = Date.now() - job.started;
  return {
    summary:
      `The ${job.kind} is still running after ${Math.round(elapsedMs / 1000)} s (run_id ${job.id}; ${job.progress.message}). ` +
      "Call run_status with this run_id to wait for the result, or cancel_run to stop it.",
    data: { status: "running", run_id: job.id, elapsed_ms: elapsedMs, progress: job.progress.message },
  };
}

/**
 * Waits up to `ms` for a job while passing its progress to `onProgress`. Returns its answer, or undefined when the
 * wait ended first (or `signal` aborted). Throws the job's ToolError when it failed.
 */
export async function waitForJob(job: Job, ms: number, signal: AbortSignal, onProgress: (p: JobProgress) => void): Promise<JobAnswer | undefined> {
  job.listeners.add(onProgress);
  try {
    return await waitFor(job.done, ms, signal);
  } finally {
    job.listeners.delete(onProgress);
  }
}

/** Turns the proof engines' step lines into a job's progress, numbered as they come. */
export function stepReporter(report: (p: JobProgress) => void): (message: string) => void {
  let step = 0;
  return (message) => report({ step: ++step, message });
}

/** Stops proof work between its runs (the run in progress is cancelled through the same signal). */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ToolError("cancelled", "The job was cancelled.", "Start it again when you want the result.");
}

/** The result fields every job-backed tool shares; its own fields are set when status is done. */
export const jobAnswerShape = {
  status: z.enum(["running", "done"]).describe("running: poll run_status with run_id; done: the other fields are set."),
  run_id: z.string().optional().describe("While running: the id for run_status and cancel_run."),
  elapsed_ms: z.number().optional().describe("While running: milliseconds since it started."),
  progress: z.string().optional().describe("While running: the step it is at."),
};

/** The wait_seconds argument of every job-backed tool. */
export const jobWaitInput = z.coerce.number().min(0).max(55).default(20).describe("Seconds to wait before returning a run_id.");

/**
 * What every job-backed tool does with its work: start it as a job, wait up to `waitMs`
 * (reporting progress), and answer with the result, or with status "running" and the run_id. A client that cancels
 * the call while it waits cancels the job, as run_debug does with its sync.
 */
export async function answerAsJob<T extends Record<string, unknown>>(
  kind: JobKind,
  projectDir: string,
  waitMs: number,
  call: { signal: AbortSignal; progress(progress: number, total?: number, message?: string): void },
  work: (signal: AbortSignal, report: (p: JobProgress) => void) => Promise<{ summary: string; data: T }>,
): Promise<{ summary: string; data: T | JobRunningData }> {
  let typed: { summary: string; data: T } | undefined;
  const job = startJob(kind, projectDir, async (signal, report) => (typed = await work(signal, report)));
  const forward = (p: JobProgress) => call.progress(p.step, p.total, p.message);
  const answer = await waitForJob(job, waitMs, call.signal, forward);
  if (answer && typed) return typed;
  if (call.signal.aborted) {
    await cancelJob(job.id);
    throw job.error ?? new ToolError("cancelled", `The ${kind} was cancelled.`);
  }
  return runningAnswer(job);
}

/** The fields run_status and cancel_run add for a job: which tool's it is and that tool's own result. */
export const jobResultShape = {
  job: z.enum(JOB_KINDS).optional().describe("Which tool's job run_id is; unset for a sync."),
  result: z.record(z.string(), z.unknown()).optional().describe("For a job that ended: the result that tool returns."),
  progress: z.string().optional().describe("For a job still running: the step it is at."),
};

export interface JobStatusData {
  status: JobStatus;
  run_id: string;
  job: JobKind;
  elapsed_ms: number;
  result?: Record<string, unknown>;
  progress?: string;
}

/** The run_status / cancel_run answer for a job: its result, its error (thrown, as the tool throws it) or progress. */
export function jobStatusAnswer(job: Job): { summary: string; data: JobStatusData } {
  const status = jobStatus(job);
  const elapsed_ms = (job.finished ?? Date.now()) - job.started;
  const base = { run_id: job.id, job: job.kind, elapsed_ms };
  if (status === "running") {
    const r = runningAnswer(job);
    return { summary: r.summary, data: { ...base, status, progress: job.progress.message } };
  }
  if (status === "cancelled") {
    return { summary: job.error?.message ?? `The ${job.kind} was cancelled.`, data: { ...base, status } };
  }
  if (job.error) throw job.error;
  return { summary: job.answer!.summary, data: { ...base, status, result: job.answer!.data } };
}

/** run_status for a job: waits up to `ms` for it to end, passing its progress on. */
export async function pollJob(
  job: Job,
  ms: number,
  call: { signal: AbortSignal; progress(progress: number, total?: number, message?: string): void },
): Promise<{ summary: string; data: JobStatusData }> {
  await waitForJob(job, ms, call.signal, (p) => call.progress(p.step, p.total, p.message)).catch(() => undefined);
  return jobStatusAnswer(job);
}
