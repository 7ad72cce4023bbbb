import type { ModelMessage } from "ai";
import { describe, expect, it } from "vitest";
import { withOutput } from "./decisions";
import { outputOfMessages, referenceText, resolveReferences } from "./references";

const messagesWith = (output: unknown): ModelMessage[] => [
  { role: "assistant", content: [{ type: "tool-call", toolCallId: "c1", toolName: "format_post", input: {} }] },
  { role: "tool", content: [{ type: "tool-result", toolCallId: "c1", toolName: "format_post", output: { type: "json", value: output as never } }] },
];

const post = {
  platform: "linkedin",
  format: "post",
  text: 'Line one\n"quoted" — ünïcode',
  charCount: 27,
  hashtags: ["#ai"],
  slides: [{ title: "T", body: "B" }],
};
const outputs = new Map([["format_post", { output: post }]]);
const outputOf = (id: string) => outputs.get(id);

describe("resolving references when a step runs", () => {
  it("puts whole-value references in with their type and embedded ones as text", () => {
    const r = resolveReferences(
      "send",
      {
        method: "POST",
        body: "{{steps.format_post.output.text}}",
        count: "{{steps.format_post.output.charCount}}",
        title: "Post: {{steps.format_post.output.slides.0.title}} ({{steps.format_post.output.charCount}} chars, {{steps.format_post.output.hashtags}})",
        headers: { "X-Tag": "{{steps.format_post.output.hashtags.0}}" },
      },
      outputOf,
    );
    expect(r.input).toEqual({
      method: "POST",
      body: post.text,
      count: 27,
      title: 'Post: T (27 chars, ["#ai"])',
      headers: { "X-Tag": "#ai" },
    });
    expect(r.resolved.map((x) => [x.input, x.reference])).toEqual([
      ["body", "steps.format_post.output.text"],
      ["count", "steps.format_post.output.charCount"],
      ["title", "steps.format_post.output.slides.0.title"],
      ["title", "steps.format_post.output.charCount"],
      ["title", "steps.format_post.output.hashtags"],
      ['headers["X-Tag"]', "steps.format_post.output.hashtags.0"],
    ]);
    expect(referenceText(null)).toBe("null");
  });

  it("fails with the reference named when the output or the field is missing", () => {
    expect(() => resolveReferences("send", { body: "{{steps.format_post.output.posts}}" }, outputOf)).toThrow(
      'step send: input body ← steps.format_post.output.posts: the output of step format_post has no value at "posts"',
    );
    expect(() => resolveReferences("send", { body: "{{steps.format_post.output.slides.3.title}}" }, outputOf)).toThrow(/has no value at "3"/);
    expect(() => resolveReferences("send", { body: "{{steps.outline.output.title}}" }, outputOf)).toThrow(
      "step send: input body ← steps.outline.output.title: step outline has no output in this run (it did not complete before this step)",
    );
    // Own properties only: a path through Object.prototype names nothing.
    expect(() => resolveReferences("send", { body: "{{steps.format_post.output.constructor}}" }, outputOf)).toThrow(/no value at "constructor"/);
  });

  it("reads the output later steps see: the reviewer's edit when there was one", () => {
    const messages = messagesWith(post);
    expect(outputOfMessages(messages)).toEqual({ output: post });
    const edited = withOutput(messages, { ...post, text: "Edited by the reviewer" })!;
    expect(outputOfMessages(edited)).toEqual({ output: { ...post, text: "Edited by the reviewer" } });
    expect(outputOfMessages([])).toBeUndefined();
  });
});
