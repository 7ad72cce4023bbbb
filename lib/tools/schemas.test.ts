import { describe, expect, it } from "vitest";
import { toolNames } from "./catalog";
import { objectFields } from "./fields";
import { TOOL_DEFINITIONS } from "./registry";
import { inputFieldsOf, inputsThatFit, staticInputProblems, TOOL_INPUT_SCHEMAS } from "./schemas";

describe("browser-safe tool input schemas", () => {
  it("are the very schemas the tools execute with", () => {
    for (const name of toolNames) expect(TOOL_INPUT_SCHEMAS[name], name).toBe(TOOL_DEFINITIONS[name].inputSchema);
  });

  it("check static inputs: present values must fit, missing ones are decided at run time", () => {
    expect(staticInputProblems("generate_outline", {})).toEqual([]);
    expect(staticInputProblems("generate_outline", { sections: 0, extra: 1 })).toEqual([
      { path: ["sections"], message: "Too small: expected number to be >=1" },
      { path: ["extra"], message: 'generate_outline has no input "extra"' },
    ]);
    expect(staticInputProblems("fetch_url", { url: "ftp://x" })).toEqual([{ path: ["url"], message: "must be an http or https URL" }]);
    expect(staticInputProblems("http_request", { method: "POST", body: "{}" })).toEqual([]);
  });

  it("keep the inputs another tool accepts", () => {
    expect(inputsThatFit("format_post", { topic: "AI", sections: 3, platform: "x", tone: 5 })).toEqual({ topic: "AI", platform: "x" });
    // Input names are user-chosen: ones named like Object.prototype members are just unknown inputs.
    expect(inputsThatFit("summarize", { constructor: "x", toString: "y", focus: "t" })).toEqual({ focus: "t" });
    expect(staticInputProblems("summarize", { constructor: "x", valueOf: 1 }).map((p) => p.path.join("."))).toEqual(["constructor", "valueOf"]);
  });
});

describe("form fields from a zod schema", () => {
  it("reads kinds, required marks, limits, options, defaults and help text", () => {
    const fields = objectFields(inputFieldsOf("generate_image")!);
    expect(fields.map((f) => [f.name, f.kind, f.required])).toEqual([
      ["prompt", "text", true],
      ["style", "enum", false],
      ["size", "enum", false],
      ["title", "string", false],
    ]);
    expect(fields[1]).toMatchObject({
      options: ["editorial", "illustration", "minimal", "bold", "photo"],
      defaultValue: "editorial",
      description: expect.stringMatching(/^Visual style/),
    });
    const search = objectFields(inputFieldsOf("web_search")!);
    expect(search[1]).toMatchObject({ name: "maxResults", label: "Max results", kind: "number", integer: true, min: 1, max: 20, required: false });
    const http = objectFields(inputFieldsOf("http_request")!);
    expect(http.map((f) => f.kind)).toEqual(["enum", "string", "record", "text"]);
    expect(http[2]!.item).toMatchObject({ kind: "string" });
  });

  it("handles booleans, arrays and nested objects", async () => {
    const { z } = await import("zod");
    const fields = objectFields(
      z.object({
        on: z.boolean(),
        tags: z.array(z.string()).optional(),
        author: z.object({ name: z.string().describe("Who"), age: z.number().int().optional() }),
      }),
    );
    expect(fields.map((f) => f.kind)).toEqual(["boolean", "array", "object"]);
    expect(fields[1]!.item).toMatchObject({ kind: "string" });
    expect(fields[2]!.fields!.map((f) => [f.name, f.kind, f.required, f.description])).toEqual([
      ["name", "string", true, "Who"],
      ["age", "number", false, undefined],
    ]);
  });
});

describe("browser safety", () => {
  const importsOf = async (file: string) => {
    const { readFileSync } = await import("node:fs");
    return [...readFileSync(file, "utf8").matchAll(/^(?:import|export)\s[^;]*?from\s+"([^"]+)"|^import\s+"([^"]+)"/gm)].map((m) => (m[1] ?? m[2])!);
  };

  it("each tool's schema.ts imports zod and nothing else; its tool.ts only the declaration helpers, its schema and its output schema", async () => {
    for (const name of toolNames) expect(await importsOf(`lib/tools/${name}/schema.ts`), name).toEqual(["zod"]);
    for (const name of toolNames)
      for (const dep of await importsOf(`lib/tools/${name}/tool.ts`)) expect(dep, name).toMatch(/^(\.\.\/define|\.\/schema|\.\/output)$/);
    // Output schemas are zod and the tool's own browser-safe modules only.
    for (const name of toolNames) for (const dep of await importsOf(`lib/tools/${name}/output.ts`)) expect(dep, name).toMatch(/^(zod|\.\/schema|\.\/limits)$/);
    for (const dep of await importsOf("lib/tools/schemas.ts")) expect(dep).toMatch(/^(zod|\.\/catalog|\.\/define)$/);
    for (const dep of await importsOf("lib/tools/fields.ts")) expect(dep).toMatch(/^(zod|\.\/schemas)$/);
  });

  it("nothing the browser imports from lib/tools reaches server code", async () => {
    const path = await import("node:path");
    const { existsSync, readdirSync, readFileSync } = await import("node:fs");
    const resolve = (from: string, spec: string) => {
      const base = path.join(path.dirname(from), spec);
      return [`${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")].find((f) => existsSync(f));
    };
    // Entry points: every lib/tools module a component imports.
    const entries = new Set<string>();
    const walkDir = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walkDir(path.join(dir, e.name)) : [path.join(dir, e.name)]));
    for (const file of walkDir("components").filter((f) => /\.tsx?$/.test(f))) {
      for (const m of readFileSync(file, "utf8").matchAll(/from\s+"@\/lib\/tools\/([^"]+)"/g)) entries.add(`lib/tools/${m[1]}.ts`);
    }
    // format_post/limits.ts: the slide editor counts against the same limits the tool enforces.
    expect([...entries].sort()).toEqual([
      "lib/tools/catalog.ts",
      "lib/tools/define.ts",
      "lib/tools/fields.ts",
      "lib/tools/format_post/limits.ts",
      "lib/tools/schemas.ts",
    ]);
    const seen = new Set<string>();
    const external = new Set<string>();
    const visit = async (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const spec of await importsOf(file)) {
        if (!spec.startsWith(".")) {
          external.add(spec);
          continue;
        }
        const target = resolve(file, spec);
        if (target) await visit(target);
        else seen.add(`${file} → ${spec} (unresolved)`);
      }
    };
    for (const e of entries) await visit(e);
    // Only declarations, schemas and the derived maps; no index.ts (behaviour), offline.ts, registry or
    // context. The catalog recognises references with the import-free reference syntax.
    for (const file of seen)
      expect(file).toMatch(/^lib\/tools\/(define|list|catalog|schemas|fields|\w+\/(tool|schema|limits|output))\.ts$|^lib\/plan\/reference-syntax\.ts$/);
    expect(await importsOf("lib/plan/reference-syntax.ts")).toEqual([]);
    expect([...external]).toEqual(["zod"]);
    expect(seen.size).toBeGreaterThan(toolNames.length * 2);
  });
});
