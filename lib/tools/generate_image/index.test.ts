import type { ModelMessage } from "ai";
import { MockImageModelV4, MockLanguageModelV4 } from "ai/test";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import type { AssetStore, StoredAsset, ToolContext } from "../types";
import { generateImage } from ".";
import { pngSize } from "./png";

/** An AssetStore in memory, recording what the tool stored. */
function memoryAssets() {
  const stored: { bytes: Uint8Array; mediaType: string; meta?: { source?: string; description?: string }; asset: StoredAsset }[] = [];
  const store: AssetStore = {
    async put(bytes, mediaType, meta) {
      const id = `asset-${stored.length + 1}`;
      const asset = { id, url: `/api/assets/${id}`, mediaType, byteSize: bytes.byteLength };
      stored.push({ bytes, mediaType, meta, asset });
      return asset;
    },
  };
  return { store, stored };
}

function context(overrides: Partial<ToolContext> = {}): ToolContext {
  return {
    history: [] as ModelMessage[],
    signal: new AbortController().signal,
    log: () => {},
    assets: memoryAssets().store,
    knowledge: { search: async () => [] },
    models: { text: new MockLanguageModelV4() },
    settings: { allowPrivateUrls: false },
    ...overrides,
  };
}

const parse = (raw: unknown) => generateImage.inputSchema.parse(raw);

// A PNG header is all the AI SDK and the tool look at.
function fakePng(width: number, height: number): Uint8Array {
  const b = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).copy(b);
  b.write("IHDR", 12, "latin1");
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  return new Uint8Array(b);
}

describe("generate_image", () => {
  it("keeps its catalog identity and publishes", () => {
    expect(generateImage).toMatchObject({ name: "generate_image", title: "Generate image", icon: "image", publishes: true });
  });

  it("describes every input field and applies the defaults", () => {
    const shape = (generateImage.inputSchema as unknown as z.ZodObject).shape;
    for (const [key, field] of Object.entries(shape)) expect((field as z.ZodType).description, key).toBeTruthy();
    expect(parse({ prompt: "A lighthouse at dawn" })).toEqual({ prompt: "A lighthouse at dawn", style: "editorial", size: "1536x1024" });
    expect(generateImage.inputSchema.safeParse({ prompt: "hi" }).success).toBe(false);
    expect(generateImage.inputSchema.safeParse({ prompt: "A lighthouse", size: "800x600" }).success).toBe(false);
    expect(generateImage.inputSchema.safeParse({ prompt: "A lighthouse", style: "watercolor" }).success).toBe(false);
  });

  it("renders offline and stores the PNG when no image model is configured", async () => {
    const { store, stored } = memoryAssets();
    const out = await generateImage.execute(
      parse({ prompt: "A lighthouse at dawn, for a post about resilience", size: "1024x1536" }),
      context({ assets: store }),
    );
    expect(generateImage.outputSchema.parse(out)).toEqual({
      assetId: "asset-1",
      url: "/api/assets/asset-1",
      mediaType: "image/png",
      width: 1024,
      height: 1536,
      prompt: "A lighthouse at dawn, for a post about resilience",
      provider: "offline",
      revisedPrompt: null,
    });
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      mediaType: "image/png",
      meta: { source: "generate_image", description: "A lighthouse at dawn, for a post about resilience" },
    });
    expect(pngSize(stored[0]!.bytes)).toEqual({ width: 1024, height: 1536 });
  });

  it("calls the image model with the prompt, style and size, and keeps its revised prompt", async () => {
    const calls: { prompt: string | undefined; size: string | undefined; n: number; abortSignal?: AbortSignal }[] = [];
    const model = new MockImageModelV4({
      doGenerate: async (options) => {
        calls.push(options);
        return {
          images: [fakePng(1024, 1024)],
          warnings: [],
          providerMetadata: { openai: { images: [{ revisedPrompt: "A minimalist lighthouse at dawn" }] } },
          response: { timestamp: new Date(0), modelId: "gpt-image-1", headers: undefined },
        };
      },
    });
    const { store, stored } = memoryAssets();
    const signal = new AbortController().signal;
    const out = await generateImage.execute(
      parse({ prompt: "A lighthouse at dawn", style: "minimal", size: "1024x1024" }),
      context({ assets: store, signal, models: { text: new MockLanguageModelV4(), image: model } }),
    );
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ size: "1024x1024", n: 1 });
    expect(calls[0]!.prompt).toMatch(/^A lighthouse at dawn\n/);
    expect(calls[0]!.prompt).toContain("minimalist composition");
    expect(calls[0]!.prompt).toContain("No text in the image.");
    expect(calls[0]!.abortSignal).toBeDefined();
    expect(out).toEqual({
      assetId: "asset-1",
      url: "/api/assets/asset-1",
      mediaType: "image/png",
      width: 1024,
      height: 1024,
      prompt: "A lighthouse at dawn",
      provider: "openai",
      revisedPrompt: "A minimalist lighthouse at dawn",
    });
    expect(stored[0]!.bytes).toEqual(fakePng(1024, 1024));
  });

  it("asks the model to set an explicit title and accepts a JPEG answer", async () => {
    let prompt: string | undefined;
    const jpeg = Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0);
    const model = new MockImageModelV4({
      doGenerate: async (options) => {
        prompt = options.prompt;
        return { images: [jpeg], warnings: [], response: { timestamp: new Date(0), modelId: "m", headers: undefined } };
      },
    });
    const out = await generateImage.execute(
      parse({ prompt: "A lighthouse at dawn", title: "Stay the course" }),
      context({ models: { text: new MockLanguageModelV4(), image: model } }),
    );
    expect(prompt).toContain('Set the headline "Stay the course"');
    expect(out).toMatchObject({ mediaType: "image/jpeg", width: 1536, height: 1024, provider: "openai", revisedPrompt: null });
  });

  it("stores nothing once the run is cancelled", async () => {
    const { store, stored } = memoryAssets();
    const controller = new AbortController();
    controller.abort();
    await expect(generateImage.execute(parse({ prompt: "A lighthouse at dawn" }), context({ assets: store, signal: controller.signal }))).rejects.toThrow();
    expect(stored).toHaveLength(0);
  });
});
