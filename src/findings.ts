import { z } from "zod";
import { described } from "./schema-fields.js";

/**
 * The one shape of a finding, whoever found it: a lint rule, an evaluation check, a pre-deploy check or a
 * requirements.txt rule. Tools return it as is (snake_case, like every result field); engines that have nothing
 * richer to say build it directly, and the lint engine, which keeps character offsets for its fixes, maps its own
 * findings to it with `lintFindingData`.
 */
export const SEVERITIES = ["error", "warning", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];

const textEditSchema = z.object({
  file: z.string().describe("File the edit applies to, relative to project_dir."),
  ...described(z.number(), {
    line: "1-based start line.",
    column: "1-based start column.",
    end_line: "1-based end line.",
    end_column: "1-based end column (exclusive).",
  }),
  new_text: z.string().describe("Replacement text (empty to delete)."),
});

export const findingSchema = z.object({
  rule: z
    .string()
    .describe(
      "What found it: FTnnn for connector lint rules, a Ruff code (F401, B006...) for generic Python checks, or a named check " +
        "(requirements:unpinned, connection_name, resume:state_advances, data:pk_unique, memory:under_1gb, …).",
    ),
  severity: z.enum(SEVERITIES).describe("error = fails at import, deploy or sync, loses data, or blocks the deploy; warning = likely bug or risk; info = advice."),
  title: z.string().optional().describe("The rule's title (lint rules)."),
  message: z.string().describe("What is wrong here."),
  hint: z.string().optional().describe("What to do about it."),
  file: z.string().optional().describe("File relative to project_dir."),
  ...described(z.number().optional(), {
    line: "1-based line.",
    column: "1-based column.",
    end_line: "1-based end line.",
    end_column: "1-based end column (exclusive).",
  }),
  table: z.string().optional().describe("Destination table concerned."),
  fix: z
    .object({
      description: z.string().describe("What the fix does."),
      safe: z.boolean().describe("True when lint_connector fix: true applies it automatically; false for a suggestion to review."),
      edits: z.array(textEditSchema).describe("Text edits, positions in the file as it is now."),
    })
    .optional()
    .describe("A mechanical fix, when there is one."),
  doc_uri: z.string().optional().describe("Resource explaining the rule (read it with resources/read, or get_guidelines with topic set to the rule id), or Ruff's documentation page."),
});

export type Finding = z.infer<typeof findingSchema>;

/**
 * The same shape as a report quotes it (evaluate, deploy, install): everything but the fix's text edits, which only
 * lint_connector applies. The schema is listed up to three times in evaluate_connector's entry, and a tool entry
 * has to stay under 8 KB (test/clients/limits.test.ts).
 */
export const reportFindingSchema = findingSchema.omit({ fix: true });
