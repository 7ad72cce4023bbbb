import { describe, expect, it } from "vitest";
import { typeParams } from "../templates/params";
import { tools } from "../tools/catalog";
import { checkPlan, documentInputIssues } from "./check";
import {
  ancestorsOf,
  describeType,
  fits,
  matchReferences,
  outputFields,
  outputTypeOf,
  referenceIssues,
  referenceOptions,
  referenceToken,
  typeAt,
  wholeReference,
  withoutReferences,
} from "./references";
import type { Plan, PlanStep } from "./schema";

const step = (id: string, toolName: string, input: Record<string, unknown>, dependsOn: string[], stepIndex: number): PlanStep => ({
  id,
  toolName,
  input,
  dependsOn,
  stepIndex,
  description: `${toolName} step`,
  requiresApproval: toolName !== "web_search" && toolName !== "generate_outline",
});

/** search → outline → post → (image, send); `side` hangs off search only. */
const plan = (input: Record<string, unknown>, toolName = "http_request"): Plan => ({
  title: "Refs",
  steps: [
    step("search", "web_search", { query: "AI" }, [], 0),
    step("side", "summarize", {}, ["search"], 1),
    step("outline", "generate_outline", { topic: "AI", sections: 5 }, ["search"], 2),
    step("format_post", "format_post", { platform: "linkedin", format: "post" }, ["outline"], 3),
    step("send", toolName, input, ["format_post"], 4),
  ],
});

const issues = (p: Plan) => referenceIssues(p).map((i) => `${i.path}: ${i.message}`);

describe("reference syntax", () => {
  it("parses whole and embedded references and tells malformed ones", () => {
    expect(wholeReference("{{steps.format_post.output.text}}")).toEqual({
      stepId: "format_post",
      path: ["text"],
      token: "{{steps.format_post.output.text}}",
    });
    expect(wholeReference(" {{ steps.search.output.results.0.url }} ")?.path).toEqual(["results", "0", "url"]);
    expect(wholeReference("{{steps.search.output}}")?.path).toEqual([]);
    expect(wholeReference("Title: {{steps.format_post.output.text}}")).toBeNull();
    expect(matchReferences("a {{steps.x.output.y}} b {{steps.x}} c").map((m) => [m.token, m.ref?.stepId ?? null])).toEqual([
      ["{{steps.x.output.y}}", "x"],
      ["{{steps.x}}", null],
    ]);
    expect(referenceToken("format_post", ["slides", 0, "title"])).toBe("{{steps.format_post.output.slides.0.title}}");
  });

  it("never collides with template parameters: {{topic}} is a parameter, {{steps.…}} never is", () => {
    expect(matchReferences("Search for {{topic}} trends")).toEqual([]);
    const p = plan({ method: "POST", url: "https://example.com/hook", body: "{{steps.format_post.output.text}} about {{topic}}" });
    const typed = typeParams(p, [{ name: "topic", label: "Topic", required: true, bindings: [] }]);
    expect(typed.problems).toEqual([]);
    expect(typeParams(p, []).problems.map((x) => x.message)).toEqual(["{{topic}} names no parameter"]);
  });

  it("leaves references out of the static input checks, keeping everything else", () => {
    expect(withoutReferences({ url: "{{steps.a.output.url}}", method: "POST", headers: { A: "x", B: "pre {{steps.a.output.b}}" } })).toEqual({
      method: "POST",
      headers: { A: "x" },
    });
  });
});

describe("reference typing against every tool's output schema", () => {
  it("gives every tool an output type with fields a reference can name", () => {
    for (const t of tools) {
      const fields = outputFields(t.name);
      expect(fields.length, t.name).toBeGreaterThan(0);
      for (const f of fields) expect("type" in typeAt(outputTypeOf(t.name)!, f.path), `${t.name}.${f.path.join(".")}`).toBe(true);
    }
    const post = Object.fromEntries(outputFields("format_post").map((f) => [f.path.join("."), describeType(f.type)]));
    expect(post).toMatchObject({
      text: "string",
      charCount: "integer",
      hashtags: "string[]",
      platform: '"linkedin" | "x" | "blog" | "newsletter" | "instagram"',
    });
    expect(describeType((typeAt(outputTypeOf("web_search")!, ["results", "0", "url"]) as { type: never }).type)).toBe("string");
    expect(describeType((typeAt(outputTypeOf("http_request")!, ["headers", "x-request-id"]) as { type: never }).type)).toBe("string");
    expect(typeAt(outputTypeOf("http_request")!, ["json", "any", "thing"])).toEqual({ type: { kind: "unknown" } });
  });

  it("fits by type: strings into text, enums into wider enums, integers into numbers, not the other way", () => {
    const str = { kind: "string" } as const;
    const int = { kind: "number", integer: true } as const;
    const num = { kind: "number", integer: false } as const;
    expect(fits(str, str)).toBe(true);
    expect(fits({ kind: "enum", options: ["x"] }, str)).toBe(true);
    expect(fits(str, { kind: "enum", options: ["x"] })).toBe(false);
    expect(fits({ kind: "enum", options: ["x"] }, { kind: "enum", options: ["x", "blog"] })).toBe(true);
    expect(fits(int, num)).toBe(true);
    expect(fits(num, int)).toBe(false);
    expect(fits(str, int)).toBe(false);
    expect(fits({ kind: "array", item: str }, { kind: "array", item: str })).toBe(true);
    expect(fits({ kind: "record", value: str }, { kind: "record", value: str })).toBe(true);
    expect(fits({ kind: "unknown" }, int)).toBe(true);
  });

  it("accepts a fitting whole-value reference and embedded references in text", () => {
    expect(issues(plan({ method: "POST", url: "https://example.com/hook", body: "{{steps.format_post.output.text}}" }))).toEqual([]);
    expect(issues(plan({ method: "POST", url: "https://example.com/hook", body: "{{steps.outline.output.sections}}" }))).toEqual([
      "steps[4].input.body ← steps.outline.output.sections: object[] does not fit string",
    ]);
    expect(issues(plan({ method: "POST", url: "{{steps.search.output.results.0.url}}", body: "Posted {{steps.format_post.output.charCount}} chars" }))).toEqual(
      [],
    );
    expect(issues(plan({ topic: "{{steps.format_post.output.text}}", sections: "{{steps.format_post.output.charCount}}" }, "generate_outline"))).toEqual([]);
  });

  it("names the input path and the reference when types do not fit", () => {
    expect(issues(plan({ sections: "{{steps.format_post.output.text}}" }, "generate_outline"))).toEqual([
      "steps[4].input.sections ← steps.format_post.output.text: string does not fit integer",
    ]);
    expect(issues(plan({ platform: "{{steps.format_post.output.text}}", format: "post" }, "format_post"))).toEqual([
      'steps[4].input.platform ← steps.format_post.output.text: string does not fit "linkedin" | "x" | "blog" | "newsletter" | "instagram"',
    ]);
    expect(issues(plan({ sections: "{{steps.format_post.output.charCount}} sections" }, "generate_outline"))).toEqual([
      "steps[4].input.sections: steps.format_post.output.charCount inside other text makes text, and this input takes integer: make the reference the whole value",
    ]);
  });

  it("refuses steps that are not ancestors, unknown steps, own output, unknown fields and malformed tokens", () => {
    const hook = (body: string) => plan({ method: "POST", url: "https://example.com/hook", body });
    expect(issues(hook("{{steps.side.output.summary}}"))).toEqual([
      'steps[4].input.body: steps.side.output.summary: step "side" does not run before this step (connect it through dependsOn)',
    ]);
    expect(issues(hook("{{steps.format_pst.output.text}}"))).toEqual([
      'steps[4].input.body: steps.format_pst.output.text: there is no step "format_pst" (did you mean "format_post"?)',
    ]);
    expect(issues(hook("{{steps.send.output.status}}"))).toEqual(["steps[4].input.body: steps.send.output.status: a step cannot use its own output"]);
    expect(issues(hook("{{steps.format_post.output.txt}}"))[0]).toBe(
      'steps[4].input.body: steps.format_post.output.txt: the output of format_post has no field "txt" (it has platform, format, text, slides, posts, hashtags, charCount, adjustments, notes, model)',
    );
    expect(issues(hook("{{steps.format_post.text}}"))).toEqual([
      'steps[4].input.body: "{{steps.format_post.text}}" is not a reference: write {{steps.<step id>.output.<field>}}',
    ]);
    expect(issues(plan({ method: "POST", url: "https://example.com/hook", payload: "{{steps.format_post.output.text}}" }))).toEqual([
      'steps[4].input.payload: http_request has no input "payload"',
    ]);
  });

  it("is part of the editor's checks, tied to the step, and of the API's document checks with the document's indices", () => {
    const p = plan({ method: "POST", url: "https://example.com/hook", body: "{{steps.outline.output.sections}}" });
    const c = checkPlan(p);
    expect(c.ok).toBe(false);
    expect(c.issues.map((i) => [i.path, i.stepId])).toEqual([["steps[4].input.body ← steps.outline.output.sections", "send"]]);
    // A reference is not a URL: the URL check applies to the resolved value, at run time.
    expect(checkPlan(plan({ method: "POST", url: "{{steps.search.output.results.0.url}}" })).ok).toBe(true);
    const doc = {
      title: "Doc",
      steps: [...p.steps].reverse().map(({ id, toolName, input, dependsOn, stepIndex, description, requiresApproval }) => ({
        id,
        toolName,
        input,
        dependsOn,
        stepIndex,
        description,
        requiresApproval,
      })),
    };
    expect(documentInputIssues(doc).map((i) => i.path)).toEqual(["steps[0].input.body ← steps.outline.output.sections"]);
  });
});

describe("the inspector's reference picker", () => {
  it("lists only the ancestors' output fields that fit the input", () => {
    const p = plan({});
    expect([...ancestorsOf(p.steps, "send")].sort()).toEqual(["format_post", "outline", "search"]);
    const forBody = referenceOptions(p, "send", ["body"]);
    expect(forBody.map((g) => g.stepId)).toEqual(["search", "outline", "format_post"]);
    expect(forBody.find((g) => g.stepId === "format_post")!.fields.map((f) => f.path.join("."))).toEqual(["platform", "format", "text", "model"]);
    const forSections = referenceOptions({ steps: [...p.steps, step("again", "generate_outline", {}, ["format_post"], 5)] }, "again", ["sections"]);
    expect(forSections.map((g) => [g.stepId, g.fields.map((f) => f.path.join("."))])).toEqual([["format_post", ["charCount"]]]);
    expect(referenceOptions(p, "search", ["query"])).toEqual([]);
  });
});
