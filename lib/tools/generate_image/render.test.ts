import { describe, expect, it } from "vitest";
import { pngSize } from "./png";
import { heroLayout, widthEm, type TextBox } from "./design";
import { HERO_STYLES } from "./schema";
import { HERO_SIZES, parseSize, renderHeroImage } from "./render";

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
    expect(text).toEqual({ title: "5 AI Trends Shaping 2026", kicker: "LinkedIn carousel", subtitle: null });
  });

  const LONG = "Why the world's most ambitious marketing teams are quietly rebuilding every single campaign workflow around autonomous AI agents";
  const WORD = "Supercalifragilisticexpialidociousmarketingautomationplatforms";
  const texts = [
    { title: "AI Trends", kicker: "LinkedIn carousel", subtitle: null },
    { title: LONG.slice(0, 89) + "…", kicker: "LinkedIn carousel", subtitle: `${LONG} and what it means for agencies`.slice(0, 119) + "…" },
    { title: `${WORD} ${WORD}`, kicker: "A very long kicker that fills up the line", subtitle: "Short standfirst" },
    { title: "Quarterly product update", kicker: null, subtitle: "Faster search, new canvas" },
    { title: "", kicker: null, subtitle: null },
  ];
  const overlap = (a: TextBox, b: TextBox) => a.left < b.left + b.width && b.left < a.left + a.width && a.top < b.top + b.height && b.top < a.top + a.height;

  it.each(HERO_SIZES.flatMap((size) => HERO_STYLES.flatMap((style) => texts.map((text) => [size, style, text] as const))))(
    "lays out %s %s %j without overlaps",
    (size, style, text) => {
      const { width, height } = parseSize(size);
      const boxes = heroLayout(width, height, style, text);
      for (const [i, a] of boxes.entries()) {
        expect(a.left).toBeGreaterThanOrEqual(0);
        expect(a.top).toBeGreaterThanOrEqual(0);
        expect(a.left + a.width).toBeLessThanOrEqual(width);
        expect(a.top + a.height).toBeLessThanOrEqual(height);
        expect(a.lines.length * a.fontSize * a.lineHeight).toBeCloseTo(a.height, 3);
        // Every measured line fits its box: satori never has to wrap it again.
        for (const line of a.lines) expect(widthEm(line, a.role === "kicker") * a.fontSize).toBeLessThanOrEqual(a.width + 0.01);
        for (const b of boxes.slice(i + 1)) expect(overlap(a, b), `${a.role} overlaps ${b.role}`).toBe(false);
      }
      expect(boxes.some((b) => b.role === "title")).toBe(text.title !== "");
    },
  );

  it("shrinks a long title and drops the subtitle before anything overlaps", () => {
    const short = heroLayout(1536, 1024, "editorial", texts[0]!).find((b) => b.role === "title")!;
    const long = heroLayout(1536, 1024, "editorial", texts[1]!);
    const title = long.find((b) => b.role === "title")!;
    expect(title.fontSize).toBeLessThan(short.fontSize);
    expect(title.lines.length).toBeGreaterThan(1);
    expect(long.map((b) => b.role)).toEqual(["kicker", "title"]);
    expect(heroLayout(1536, 1024, "editorial", texts[3]!).map((b) => b.role)).toEqual(["title", "subtitle"]);
  });

  it("draws no invented label: the picture's words are only the title, kicker and subtitle", async () => {
    const { heroTree } = await import("./design");
    const strings: string[] = [];
    const walk = (n: unknown): void => {
      if (typeof n === "string") strings.push(n);
      else if (Array.isArray(n)) n.forEach(walk);
      else if (n && typeof n === "object" && "props" in n) walk((n as { props: { children?: unknown } }).props.children);
    };
    walk(heroTree({ width: 1536, height: 1024, style: "editorial", prompt: "AI trends", text: texts[0]! }));
    expect(strings).toEqual(["LINKEDIN CAROUSEL", "AI Trends"]);
  });
});
