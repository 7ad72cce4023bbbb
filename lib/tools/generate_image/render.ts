import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { initWasm, Resvg } from "@resvg/resvg-wasm";
import type { ModelMessage } from "ai";
import satori from "satori";
import { heroTree } from "./design";
import type { HeroStyle } from "./palette";
import { heroText, runContext, type HeroText } from "./text";

export { HERO_SIZES, type HeroSize } from "./schema";
import type { HeroSize } from "./schema";
import { processSingleton } from "../../singleton";

type SatoriFont = Parameters<typeof satori>[1]["fonts"][number];

/**
 * A file inside an installed package, found next to one of its entry points by Node's own resolver
 * (the bundler is told to leave the call alone); the project's node_modules is the fallback.
 */
function packageFile(pkg: string, entry: string, file: string): string {
  try {
    const found = path.join(path.dirname(createRequire(import.meta.url).resolve(/* webpackIgnore: true */ `${pkg}/${entry}`)), file);
    if (existsSync(/*turbopackIgnore: true*/ found)) return found;
  } catch {
    // fall through to the project's node_modules
  }
  return path.join(/*turbopackIgnore: true*/ process.cwd(), "node_modules", pkg, path.dirname(entry), file);
}

// Geist ships TTFs beside its next/font entry points (satori reads TTF/OTF/WOFF, not WOFF2).
const FONTS: { file: string; name: string; weight: SatoriFont["weight"] }[] = [
  { file: "fonts/geist-sans/Geist-Regular.ttf", name: "Geist", weight: 400 },
  { file: "fonts/geist-sans/Geist-SemiBold.ttf", name: "Geist", weight: 600 },
  { file: "fonts/geist-sans/Geist-Black.ttf", name: "Geist", weight: 900 },
  { file: "fonts/geist-mono/GeistMono-Medium.ttf", name: "Geist Mono", weight: 500 },
];

let fonts: SatoriFont[] | undefined;
function loadFonts(): SatoriFont[] {
  fonts ??= FONTS.map(({ file, name, weight }) => ({
    name,
    weight,
    style: "normal",
    data: readFileSync(/*turbopackIgnore: true*/ packageFile("geist", "dist/sans.js", file)),
  }));
  return fonts;
}

// initWasm throws when called twice on one module instance, and Next may evaluate this module more
// than once per process: the promise lives on globalThis, keyed by the resvg instance it set up.
// One initialisation per process (and per copy of the wasm module: bundles may load it twice).
const initialised = () => processSingleton("resvgReady", () => new WeakMap<object, Promise<void>>());
function resvgReady(): Promise<void> {
  let ready = initialised().get(initWasm);
  if (!ready) {
    const wasm = readFileSync(/*turbopackIgnore: true*/ packageFile("@resvg/resvg-wasm", "index.js", "index_bg.wasm"));
    ready = initWasm(wasm).catch((e: Error) => {
      if (!/already initialized/i.test(e.message)) {
        initialised().delete(initWasm);
        throw e;
      }
    });
    initialised().set(initWasm, ready);
  }
  return ready;
}

export function parseSize(size: HeroSize): { width: number; height: number } {
  const [width, height] = size.split("x").map(Number) as [number, number];
  return { width, height };
}

export interface HeroImageInput {
  prompt: string;
  style: HeroStyle;
  size: HeroSize;
  title?: string;
  /** The run so far; its goal and outline heading become the kicker or subtitle. */
  history?: readonly ModelMessage[];
  /** A revision's number: another composition (palette, decoration) of the same image. */
  variant?: number;
}

/** Renders a hero image offline (satori → SVG → resvg → PNG). Same input, same bytes. */
export async function renderHeroImage(input: HeroImageInput): Promise<{ png: Uint8Array; width: number; height: number; text: HeroText }> {
  const { width, height } = parseSize(input.size);
  const text = heroText(input, runContext(input.history ?? []));
  const tree = heroTree({ width, height, style: input.style, prompt: input.prompt, text, variant: input.variant });
  await resvgReady();
  const svg = await satori(tree as unknown as Parameters<typeof satori>[0], { width, height, fonts: loadFonts() });
  const resvg = new Resvg(svg, { fitTo: { mode: "original" }, font: { loadSystemFonts: false } });
  try {
    const image = resvg.render();
    try {
      return { png: image.asPng(), width: image.width, height: image.height, text };
    } finally {
      image.free();
    }
  } finally {
    resvg.free();
  }
}
