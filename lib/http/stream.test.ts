import type { TextStreamPart, ToolSet } from "ai";
import { describe, expect, it } from "vitest";
import { textStreamResponse, type StreamGate } from "./stream";

async function* parts(...items: (string | Error)[]): AsyncGenerator<TextStreamPart<ToolSet>> {
  for (const x of items) yield (typeof x === "string" ? { type: "text-delta", id: "t", text: x } : { type: "error", error: x }) as TextStreamPart<ToolSet>;
}

describe("textStreamResponse", () => {
  it("streams the text, answering 502 for an error before any text", async () => {
    expect(await (await textStreamResponse(parts("a", "b", "c"))).text()).toBe("abc");
    const failed = await textStreamResponse(parts(new Error("overloaded")));
    expect(failed.status).toBe(502);
    expect(((await failed.json()) as { error: string }).error).toMatch(/overloaded/);
  });

  it("holds the text while the gate waits, then sends all of it", async () => {
    const seen: [string, boolean][] = [];
    const gate: StreamGate = async (text, done) => (seen.push([text, done]), text.includes("go") ? "stream" : "wait");
    const res = await textStreamResponse(parts("wa", "it, ", "go", "!"), { gate });
    expect(await res.text()).toBe("wait, go!");
    expect(seen).toEqual([
      ["wa", false],
      ["wait, ", false],
      ["wait, go", false],
    ]);
  });

  it("answers the gate's response instead when it decides at the end", async () => {
    const gate: StreamGate = async (text, done) => (done ? new Response(`refused: ${text}`, { status: 422 }) : "wait");
    const res = await textStreamResponse(parts('{"steps":', "[]}"), { gate });
    expect(res.status).toBe(422);
    expect(await res.text()).toBe('refused: {"steps":[]}');
  });
});
