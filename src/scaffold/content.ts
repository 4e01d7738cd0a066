import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ToolError } from "../errors.js";
import { RESOURCES_DIR } from "../paths.js";

/**
 * Reads the guideline and example-index content under resources/. The content is the product;
 * this module only indexes it, for the MCP resources, get_guidelines, find_examples and prompts.
 */
export interface GuidelineTopic {
  topic: string;
  title: string;
  summary: string;
}

interface GuidelineIndex {
  sdk_version: string;
  verified_against: string;
  topics: GuidelineTopic[];
}

export interface ExampleEntry {
  path: string;
  summary: string;
  source: string;
  auth: string;
  pagination: string;
  sync: string;
  operations: string[];
  runs_offline: boolean;
  url: string;
}

let guidelineIndex: GuidelineIndex | undefined;
let examples: ExampleEntry[] | undefined;

export function guidelineIndexData(): GuidelineIndex {
  guidelineIndex ??= JSON.parse(readFileSync(join(RESOURCES_DIR, "guidelines", "index.json"), "utf8")) as GuidelineIndex;
  return guidelineIndex;
}

export function guidelineTopics(): GuidelineTopic[] {
  return guidelineIndexData().topics;
}

/** The markdown of one topic, with a line saying which SDK version it was checked against. */
export function readGuideline(topic: string): { topic: string; title: string; sdkVersion: string; markdown: string } {
  const entry = guidelineTopics().find((t) => t.topic === topic);
  if (!entry) {
    const near = guidelineTopics().filter((t) => t.topic.includes(topic.toLowerCase()) || topic.toLowerCase().includes(t.topic.split("-")[0]));
    throw new ToolError("not_found", `There is no guideline topic "${topic}".`, `Use one of: ${(near.length ? near : guidelineTopics()).map((t) => t.topic).join(", ")}.`, topic);
  }
  const body = readFileSync(join(RESOURCES_DIR, "guidelines", `${entry.topic}.md`), "utf8");
  const { sdk_version } = guidelineIndexData();
  return { topic: entry.topic, title: entry.title, sdkVersion: sdk_version, markdown: `${body.trimEnd()}\n\n_Checked against fivetran-connector-sdk ${sdk_version}._\n` };
}

/** Every topic in one document, for clients that read a single resource. */
export function allGuidelinesMarkdown(): string {
  const { sdk_version } = guidelineIndexData();
  const parts = guidelineTopics().map((t) => readFileSync(join(RESOURCES_DIR, "guidelines", `${t.topic}.md`), "utf8").trimEnd());
  return `<!-- fivetran-connector-sdk ${sdk_version} -->\n\n${parts.join("\n\n---\n\n")}\n`;
}

export function exampleIndex(): ExampleEntry[] {
  examples ??= (JSON.parse(readFileSync(join(RESOURCES_DIR, "examples", "index.json"), "utf8")) as { examples: ExampleEntry[] }).examples;
  return examples;
}

export interface ExampleQuery {
  auth?: string;
  pagination?: string;
  source?: string;
  operation?: string;
  sync?: string;
  text?: string;
  runs_offline?: boolean;
  limit?: number;
}

/** Values each facet takes in the index, for completions and for a helpful error. */
export function exampleFacets(): Record<"auth" | "pagination" | "source" | "operation" | "sync", string[]> {
  const uniq = (xs: string[]) => [...new Set(xs)].sort();
  const all = exampleIndex();
  return {
    auth: uniq(all.map((e) => e.auth)),
    pagination: uniq(all.map((e) => e.pagination)),
    source: uniq(all.map((e) => e.source)),
    operation: uniq(all.flatMap((e) => e.operations)),
    sync: uniq(all.map((e) => e.sync)),
  };
}

/** Filters the index; facets match exactly (the scaffold's names are used where they exist), text matches path and summary. */
export function searchExamples(query: ExampleQuery): { matches: ExampleEntry[]; total: number } {
  // The index says keyset_timestamp, as scaffold does; "keyset" was its old name and still finds them.
  const q = query.pagination === "keyset" ? { ...query, pagination: "keyset_timestamp" } : query;
  const facets = exampleFacets();
  for (const key of ["auth", "pagination", "source", "operation", "sync"] as const) {
    const v = q[key];
    if (v !== undefined && !facets[key].includes(v)) {
      throw new ToolError("invalid_argument", `No example has ${key} "${v}".`, `Known ${key} values: ${facets[key].join(", ")}.`, v);
    }
  }
  const words = (q.text ?? "").toLowerCase().split(/\s+/).filter(Boolean);
  const matches = exampleIndex().filter(
    (e) =>
      (!q.auth || e.auth === q.auth) &&
      (!q.pagination || e.pagination === q.pagination) &&
      (!q.source || e.source === q.source) &&
      (!q.sync || e.sync === q.sync) &&
      (!q.operation || e.operations.includes(q.operation)) &&
      (q.runs_offline === undefined || e.runs_offline === q.runs_offline) &&
      words.every((w) => `${e.path} ${e.summary}`.toLowerCase().includes(w)),
  );
  return { matches: matches.slice(0, q.limit ?? 20), total: matches.length };
}
