// Every tool's declared (browser-safe) output schema against what the tool really returns: each tool
// runs once for real (offline model, in-memory knowledge and assets, a local HTTP server), its output
// parses against the schema the plan checks type references with, and every field a reference can
// name resolves in that output to a value of the type the checks assumed.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { ModelMessage } from "ai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOfflineModel } from "../ai/offline/model";
import { executeStep } from "../executor";
import { outputFields, type RefType } from "../plan/references";
import { resolveReferences } from "../runs/references";
import { catalog, toolNames } from "./catalog";
import { TOOL_DEFINITIONS } from "./registry";
import { MemoryAssets, MemoryKnowledge } from "./testing";

let server: Server;
let origin = "";
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/page")
      res
        .writeHead(200, { "content-type": "text/html" })
        .end("<html><head><title>Trends</title></head><body><article><h1>Trends</h1><p>AI marketing trends change fast in 2026.</p></article></body></html>");
    else res.writeHead(201, { "content-type": "application/json", "x-request-id": "r-7" }).end('{"received":true}');
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function hasType(value: unknown, t: RefType): boolean {
  switch (t.kind) {
    case "string":
      return typeof value === "string";
    case "number":
      return typeof value === "number" && (!t.integer || Number.isInteger(value));
    case "boolean":
      return typeof value === "boolean";
    case "enum":
      return typeof value === "string" && t.options.includes(value);
    case "array":
      return Array.isArray(value) && value.every((v) => hasType(v, t.item));
    case "record":
      return !!value && typeof value === "object" && Object.values(value).every((v) => hasType(v, t.value));
    case "object":
      return (
        !!value &&
        typeof value === "object" &&
        Object.entries(t.fields).every(([k, f]) => (k in value ? hasType((value as never)[k], f.type) || (value as never)[k] === null : f.optional))
      );
    case "unknown":
      return true;
  }
}

describe("every tool's output schema", () => {
  it("is declared browser-safe and is the schema the tool's output is checked with", () => {
    for (const name of toolNames) expect(TOOL_DEFINITIONS[name].outputSchema, name).toBe(catalog.getTool(name)!.outputSchema);
  });

  it("fits what each tool really returns, field by field, as references resolve it", async () => {
    const model = createOfflineModel();
    const context = {
      assets: new MemoryAssets(),
      knowledge: new MemoryKnowledge([
        { title: "AI marketing trends 2026", content: "AI marketing trends: personalisation, agents and first-party data lead in 2026." },
      ]),
      log: () => {},
      models: { text: model },
      settings: { allowPrivateUrls: true },
    };
    const inputs: Record<string, Record<string, unknown>> = {
      web_search: { query: "AI marketing trends" },
      fetch_url: { url: `${origin}/page` },
      summarize: { maxWords: 60 },
      generate_outline: { topic: "AI marketing trends", sections: 3 },
      format_post: { platform: "linkedin", format: "carousel", topic: "AI marketing trends" },
      generate_image: { prompt: "A calm hero image about AI marketing trends" },
      http_request: { method: "POST", url: `${origin}/hook`, body: '{"ok":true}' },
    };
    expect(Object.keys(inputs).sort()).toEqual([...toolNames].sort());
    const history: ModelMessage[] = [{ role: "user", content: "Goal: Research AI marketing trends and write a LinkedIn carousel" }];
    const outputs = new Map<string, { output: unknown }>();
    for (const name of toolNames) {
      const r = await executeStep({ id: name, toolName: name, description: `Run ${name}`, input: inputs[name]! }, history, { model, context });
      history.push(...r.messages);
      expect(catalog.getTool(name)!.outputSchema.safeParse(r.output).success, name).toBe(true);
      outputs.set(name, { output: r.output });
      for (const field of outputFields(name)) {
        const token = `{{steps.${name}.output.${field.path.join(".")}}}`;
        let value: unknown;
        try {
          value = resolveReferences("reader", { x: token }, (id) => outputs.get(id)).input.x;
        } catch (e) {
          // Only fields the schema says may be absent may fail to resolve.
          expect(field.optional, `${token}: ${(e as Error).message}`).toBe(true);
          continue;
        }
        expect(hasType(value, field.type) || value === null, `${token} = ${JSON.stringify(value)?.slice(0, 80)}`).toBe(true);
      }
    }
    expect(outputs.get("http_request")!.output).toMatchObject({ status: 201, headers: { "x-request-id": "r-7" } });
  });
});
