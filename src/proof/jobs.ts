import { randomUUID } from "node:crypto";
import { ToolError } from "../errors.js";
import { waitFor } from "../runner/run-result.js";

/**
 * Proof work (crash and resume, faults, receipts) runs many syncs and can outlast a tool call. Like run_debug's
 * runs, it goes on in the background under an id the tools return; proof_status waits for it.
 */
export interface ProofJob<T = unknown> {
  jobId: string;
  kind: string;
  projectDir: string;
  startedAt: number;
  steps: string[];
  done: Promise<T>;
  result?: T;
  error?: ToolError;
  finishedAt?: number;
  abort: AbortController;
}

const jobs = new Map<string, ProofJob>();
const KEEP_MS = 60 * 60 * 1000;

export function startJob<T>(kind: string, projectDir: string, work: (signal: AbortSignal, step: (s: string) => void) => Promise<T>): ProofJob<T> {
  for (const [id, j] of jobs) if (j.finishedAt !== undefined && Date.now() - j.finishedAt > KEEP_MS) jobs.delete(id);
  for (const j of jobs.values()) {
    if (j.finishedAt === undefined && j.projectDir === projectDir) {
      throw new ToolError("locked", `Proof work (${j.kind}, job ${j.jobId}) is already running for ${projectDir}.`, "Wait for it with proof_status, then start again.", j.jobId);
    }
  }
  const abort = new AbortController();
  const job = { jobId: randomUUID(), kind, projectDir, startedAt: Date.now(), steps: [] as string[], abort } as ProofJob<T>;
  job.done = work(abort.signal, (s) => {
    if (job.steps.length < 200) job.steps.push(s);
  }).then(
    (r) => {
      job.result = r;
      job.finishedAt = Date.now();
      return r;
    },
    (e: unknown) => {
      job.error = e instanceof ToolError ? e : new ToolError("internal", e instanceof Error ? e.message : String(e));
      job.finishedAt = Date.now();
      throw job.error;
    },
  );
  // A job nobody awaits must not become an unhandled rejection.
  job.done.catch(() => {});
  jobs.set(job.jobId, job);
  return job;
}

/** Stops a proof job between its runs (the run in progress is cancelled too). */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ToolError("cancelled", "The proof job was cancelled.", "Start it again when you want the result.");
}

export function getJob(jobId: string): ProofJob | undefined {
  return jobs.get(jobId);
}

/** Waits up to `ms` for a job (or until the signal aborts); the job goes on when the wait ends. */
export function waitJob<T>(job: ProofJob<T>, ms: number, signal: AbortSignal): Promise<T | undefined> {
  return waitFor(job.done, ms, signal);
}

/** What a tool returns while a job still runs. */
export function runningJob(job: ProofJob): { summary: string; data: { status: "running"; job_id: string; kind: string; elapsed_ms: number; steps: string[] } } {
  const elapsed = Date.now() - job.startedAt;
  return {
    summary: `${job.kind} still running after ${Math.round(elapsed / 1000)} s (job_id ${job.jobId}; ${job.steps.length} step(s) done). Call proof_status with this job_id to wait for the result.`,
    data: { status: "running", job_id: job.jobId, kind: job.kind, elapsed_ms: elapsed, steps: [...job.steps] },
  };
}
