import { z } from "zod";
import { describe, expect, expectTypeOf, it } from "vitest";
import { described } from "../../src/schema-fields.js";
import type { Finding } from "../../src/findings.js";
import type { LintResultData } from "../../src/lint/result-shape.js";
import { countsSchema, type CountsData, type SyncData } from "../../src/runner/run-result.js";
import type { ExampleEntry } from "../../src/scaffold/content.js";
import type { findExamplesTool } from "../../tools/find_examples.js";
import type { runSetupTestsTool } from "../../tools/run_setup_tests.js";
import type { scaffoldTool } from "../../tools/scaffold.js";

type Output<T extends { output: z.ZodRawShape }> = z.infer<z.ZodObject<T["output"]>>;

// Result schemas build same-typed fields from a { name: "description" } table; clients must see exactly the
// fields, types, optionality and descriptions a hand-written list gave, and the inferred types stay exact (tsc
// checks the expectTypeOf lines: test files are part of tsconfig.check.json).
describe("described", () => {
  it("gives each field the type and its own description, in the table's order", () => {
    const fields = described(z.number().optional(), { line: "1-based line.", column: "1-based column." });
    expect(Object.keys(fields)).toEqual(["line", "column"]);
    expect(z.toJSONSchema(z.object(fields))).toEqual(z.toJSONSchema(z.object({ line: z.number().optional().describe("1-based line."), column: z.number().optional().describe("1-based column.") })));
    expectTypeOf(z.object(fields).parse({})).toEqualTypeOf<{ line?: number | undefined; column?: number | undefined }>();
  });

  it("leaves the shared type itself undescribed", () => {
    const type = z.string();
    described(type, { a: "A." });
    expect(type.description).toBeUndefined();
  });

  it("keeps the result types exact", () => {
    expectTypeOf<CountsData>().toEqualTypeOf<{
      upserts: number;
      updates: number;
      deletes: number;
      truncates: number;
      schema_changes: number;
      checkpoints: number;
      file_uploads?: number | undefined;
    }>();
    expectTypeOf<NonNullable<SyncData["written_per_table"]>[string]>().toEqualTypeOf<{ upserts: number; updates: number; deletes: number }>();
    expectTypeOf<LintResultData["summary"]>().toEqualTypeOf<{ errors: number; warnings: number; infos: number; total: number; fixable: number; files: number; rules_run: number }>();
    expectTypeOf<Output<typeof runSetupTestsTool>["tests"][number]>().toEqualTypeOf<{ name: string; label: string }>();
    expectTypeOf<Output<typeof runSetupTestsTool>["results"][number]>().toEqualTypeOf<{ name: string; label: string; passed: boolean; failure?: string | undefined }>();
    expectTypeOf<Output<typeof findExamplesTool>["examples"][number]>().toEqualTypeOf<ExampleEntry>();
    type Pattern = Output<typeof scaffoldTool>["pattern"];
    expectTypeOf<Omit<Pattern, "tables">>().toEqualTypeOf<{
      source_type: string;
      auth: string;
      pagination: string;
      sync: string;
      operation_style: string;
      storage?: string | undefined;
      driver?: string | undefined;
    }>();
    expectTypeOf<Pick<Pattern["tables"][number], "parent" | "parent_key">>().toEqualTypeOf<{ parent?: string | undefined; parent_key?: string | undefined }>();
    type Span = { line: number; column: number; end_line: number; end_column: number };
    expectTypeOf<Pick<Finding, keyof Span>>().toEqualTypeOf<Partial<Span>>();
    expectTypeOf<Pick<NonNullable<Finding["fix"]>["edits"][number], keyof Span>>().toEqualTypeOf<Span>();
    expect(Object.keys(countsSchema.shape)).toEqual(["upserts", "updates", "deletes", "truncates", "schema_changes", "checkpoints", "file_uploads"]);
  });
});
