import { describe, expect, it } from "vitest";
import { pngSize } from "./png";
import { HERO_SIZES, renderHeroImage } from "./render";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

describe("offline hero renderer", () => {
  it.each(HERO_SIZES)("renders a %s PNG", async (size) => {
    const { png, width, height } = await renderHeroImage({ prompt: "A calm morning routine for remote teams", style: "editorial", size });
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    const [w, h] = size.split("x").map(Number);
    expect({ width, height }).toEqual({ width: w, height: h });
    expect(pngSize(png)).toEqual({ width: w, height: h });
    expect(png.byteLength).toBeGreaterThan(20_000); // a designed image, not a flat placeholder
  });

  it("is deterministic: the same input gives the same bytes", async () => {
    const input = { prompt: "Five AI marketing trends for 2026", style: "bold", size: "1024x1024" } as const;
    const [a, b] = await Promise.all([renderHeroImage(input), renderHeroImage(input)]);
    expect(same(a.png, b.png)).toBe(true);
  });

  it("gives different prompts and styles different images", async () => {
    const base = { prompt: "Five AI marketing trends for 2026", style: "minimal", size: "1024x1024" } as const;
    const a = await renderHeroImage(base);
    const b = await renderHeroImage({ ...base, prompt: "A lighthouse at dawn, for a post about resilience" });
    const c = await renderHeroImage({ ...base, style: "photo" });
    expect(same(a.png, b.png)).toBe(false);
    expect(same(a.png, c.png)).toBe(false);
  });

  it("sets the headline from the run history when the prompt only points at it", async () => {
    const history = [
      { role: "user" as const, content: "LinkedIn carousel about AI marketing trends" },
      {
        role: "tool" as const,
        content: [
          {
            type: "tool-result" as const,
            toolCallId: "c1",
            toolName: "generate_outline",
            output: { type: "json" as const, value: { title: "5 AI Trends Shaping 2026", sections: [] } },
          },
        ],
      },
    ];
    const { text } = await renderHeroImage({ prompt: "Generate a hero image matching the carousel theme", style: "illustration", size: "1536x1024", history });
    expect(text).toEqual({ title: "5 AI Trends Shaping 2026", kicker: "LinkedIn carousel about AI marketing…", subtitle: null });
  });
});
