import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Plan } from "../plan/schema";
import { catalog } from "../tools/catalog";
import { fieldSpec } from "../tools/fields";
import { instantiate, templateParamSchema, typeParams, type TemplateParam } from "./params";

const carousel: Plan = {
  title: "LinkedIn carousel",
  steps: [
    {
      stepIndex: 0,
      id: "research",
      toolName: "web_search",
      description: "Search for {{topic}} trends in {{year}}",
      requiresApproval: false,
      input: { query: "{{topic}} trends {{year}}" },
      dependsOn: [],
    },
    {
      stepIndex: 1,
      id: "outline",
      toolName: "generate_outline",
      description: "Outline the slides",
      requiresApproval: false,
      input: { sections: 6, format: "slides" },
      dependsOn: ["research"],
    },
    {
      stepIndex: 2,
      id: "post",
      toolName: "format_post",
      description: "Write the carousel",
      requiresApproval: true,
      input: { platform: "linkedin", format: "carousel" },
      dependsOn: ["outline"],
    },
  ],
};
const param = (p: Partial<TemplateParam> & { name: string }): TemplateParam => templateParamSchema.parse({ label: p.name, ...p });
const params = [
  param({ name: "topic", label: "Topic" }),
  param({ name: "year", label: "Year", required: false, default: "2027" }),
  param({ name: "slides", label: "Slides", bindings: [{ stepId: "outline", path: ["sections"] }], default: 6 }),
  param({ name: "platform", label: "Platform", bindings: [{ stepId: "post", path: ["platform"] }], required: false }),
];

describe("parameter types come from the tools' schemas", () => {
  it("types a bound parameter as the input it feeds, interpolation-only ones as text", () => {
    const { typed, problems } = typeParams(carousel, params);
    expect(problems).toEqual([]);
    const field = Object.fromEntries(typed.map((t) => [t.param.name, t.field]));
    expect(field.slides).toMatchObject({ kind: "number", integer: true, min: 1, max: 20, label: "Slides", defaultValue: 6 });
    expect(field.platform).toMatchObject({ kind: "enum", options: ["linkedin", "x", "blog", "newsletter", "instagram"], required: false });
    expect(field.topic).toMatchObject({ kind: "text", required: true });
  });

  it("names a binding that does not fit, with the step path and the parameter", () => {
    const bad = [
      param({ name: "slides", bindings: [{ stepId: "outline", path: ["slides"] }] }),
      param({ name: "tone", bindings: [{ stepId: "gone", path: ["tone"] }] }),
      param({
        name: "count",
        bindings: [
          { stepId: "outline", path: ["sections"] },
          { stepId: "post", path: ["tone"] },
        ],
      }),
      param({ name: "size", bindings: [{ stepId: "outline", path: ["sections"] }], default: 50 }),
    ];
    const { problems } = typeParams(carousel, bad);
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: "steps[1].input.slides ← params.slides", message: "generate_outline has no input slides" },
        { path: "params.tone", message: "bound to step gone, which the plan does not have" },
        { path: "steps[2].input.tone ← params.count", message: "integer expected (as at steps[1].input.sections), this input takes string" },
        { path: "params.size.default", message: expect.stringMatching(/20/) },
        { path: "steps[0].description", message: "{{topic}} names no parameter" },
      ]),
    );
  });

  it("refuses bad parameter definitions", () => {
    expect(templateParamSchema.safeParse({ name: "Topic", label: "x" }).error?.issues[0]?.path).toEqual(["name"]);
    expect(typeParams(carousel, [param({ name: "topic" }), param({ name: "topic" }), param({ name: "year" })]).problems).toContainEqual({
      path: "params[1].name",
      message: "a second parameter named topic",
    });
  });
});

describe("instantiate", () => {
  it("puts bound values in place and fills placeholders; the template is unchanged", () => {
    const before = structuredClone(carousel);
    const r = instantiate(carousel, params, { topic: "remote work", slides: 8 });
    expect(r.problems).toEqual([]);
    expect(r.values).toEqual({ topic: "remote work", year: "2027", slides: 8 });
    expect(r.plan.steps[0]).toMatchObject({ description: "Search for remote work trends in 2027", input: { query: "remote work trends 2027" } });
    expect(r.plan.steps[1]!.input).toEqual({ sections: 8, format: "slides" });
    expect(r.plan.steps[2]!.input.platform).toBe("linkedin"); // optional, not given: the plan's own value stays
    expect(carousel).toEqual(before);
  });

  it("names each wrong value: missing, wrong type, out of range, unknown", () => {
    const r = instantiate(carousel, params, { slides: 50, platform: "myspace", colour: "red" });
    expect(r.problems).toEqual(
      expect.arrayContaining([
        { path: "params.topic", message: "required: Topic" },
        { path: "params.slides", message: expect.stringMatching(/20/) },
        { path: "params.platform", message: expect.stringMatching(/linkedin/) },
        { path: "params.colour", message: "the template has no such parameter" },
      ]),
    );
    expect(instantiate(carousel, params, { topic: "x", slides: "8" }).problems).toEqual([{ path: "params.slides", message: expect.any(String) }]);
  });
});

// Property: for every tool and every top-level input, a parameter bound to it is typed as the
// inspector types that input, and any value the input's own schema accepts instantiates into a step
// whose static input is valid — while a value it refuses is refused naming the parameter.
describe("over every tool schema", () => {
  const cases = catalog.tools.flatMap((tool) => {
    const shape = (catalog.inputFieldsOf(tool.name)?.shape ?? {}) as Record<string, import("zod").ZodType>;
    return Object.entries(shape)
      .filter(([, s]) => ["string", "number", "enum", "boolean"].includes(fieldSpec("x", s).kind === "text" ? "string" : fieldSpec("x", s).kind))
      .map(([key, schema]) => ({ tool: tool.name, key, schema }));
  });

  it("covers the tools", () => expect(new Set(cases.map((c) => c.tool)).size).toBeGreaterThanOrEqual(5));

  for (const { tool, key, schema } of cases)
    it(`${tool}.${key}`, () => {
      // Cross-field rules stay satisfied by the rest of the step ("a GET request cannot have a body").
      const base: Record<string, unknown> = tool === "http_request" && key !== "method" ? { method: "POST" } : {};
      const plan: Plan = {
        title: "t",
        steps: [{ stepIndex: 0, id: "s", toolName: tool, description: "d", requiresApproval: false, input: base, dependsOn: [] }],
      };
      const p = param({ name: "p", required: false, bindings: [{ stepId: "s", path: [key] }] });
      const { typed, problems } = typeParams(plan, [p]);
      expect(problems).toEqual([]);
      const { label: _l, required: _r, name: _n, description: _d, defaultValue: _v, ...expected } = fieldSpec(key, schema);
      expect(typed[0]!.field).toMatchObject(expected);
      fc.assert(
        fc.property(
          fc.oneof(
            fc.string({ maxLength: 40 }),
            fc.integer({ min: -5, max: 40 }),
            fc.double({ noNaN: true }),
            fc.boolean(),
            fc.constantFrom(...(expected.options ?? ["x"])),
          ),
          (value) => {
            const accepted = schema.safeParse(value).success && value !== undefined && value !== "";
            const r = instantiate(plan, [p], { p: value });
            if (accepted) {
              expect(r.problems).toEqual([]);
              expect(catalog.staticInputProblems(tool, r.plan.steps[0]!.input)).toEqual([]);
            } else if (value !== "") expect(r.problems.map((x) => x.path)).toEqual(["params.p"]);
          },
        ),
        { numRuns: 60 },
      );
    });
});
