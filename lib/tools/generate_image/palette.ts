import type { HeroStyle } from "./schema";
export { HERO_STYLES, type HeroStyle } from "./schema";

export interface Palette {
  mode: "light" | "dark";
  /** Background gradient stops, first to last. */
  bg: [string, string, string];
  ink: string;
  muted: string;
  accent: string;
  accent2: string;
}

/** `#rrggbb` at an opacity, written as rgba() which every SVG renderer understands. */
export function rgba(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1, 7), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

const dark = (bg: Palette["bg"], ink: string, accent: string, accent2: string): Palette => ({ mode: "dark", bg, ink, muted: rgba(ink, 0.74), accent, accent2 });
const light = (bg: Palette["bg"], ink: string, accent: string, accent2: string): Palette => ({
  mode: "light",
  bg,
  ink,
  muted: rgba(ink, 0.68),
  accent,
  accent2,
});

/** Each style has light and dark palettes; the prompt's hash picks one. */
export const PALETTES: Record<HeroStyle, Palette[]> = {
  editorial: [
    dark(["#0b1020", "#18214a", "#2b1d47"], "#f5f3ee", "#ffb86b", "#7aa2ff"),
    light(["#f7f2e8", "#efe5d3", "#e6d6bd"], "#1a1714", "#d2452b", "#2f5d62"),
    dark(["#0c1d18", "#133428", "#0a241d"], "#eef5ef", "#e8c872", "#6fcf97"),
    light(["#eef1f6", "#e1e7f0", "#d3dceb"], "#111827", "#c2410c", "#1d4ed8"),
  ],
  illustration: [
    light(["#ffe8d6", "#ffd3c4", "#fbc4d4"], "#2b1b3d", "#ff5c5c", "#5b5fef"),
    dark(["#1e1238", "#35205e", "#4a2c7a"], "#fff7ed", "#ff8fab", "#ffd166"),
    light(["#e3f6ef", "#cdeee2", "#bde0f2"], "#0f2e3a", "#ff7a59", "#3d5afe"),
    dark(["#0f2a3d", "#124559", "#01161e"], "#f6fff8", "#ffb703", "#8ecae6"),
  ],
  minimal: [
    light(["#fafaf9", "#f4f4f5", "#ebebee"], "#111113", "#2563eb", "#111113"),
    dark(["#09090b", "#121215", "#1a1a1f"], "#fafafa", "#a3e635", "#fafafa"),
    light(["#f6f1ea", "#f0e9df", "#e8ded0"], "#1c1917", "#ea580c", "#1c1917"),
    dark(["#0b1120", "#0f172a", "#172036"], "#f1f5f9", "#38bdf8", "#f1f5f9"),
  ],
  bold: [
    dark(["#2b0bff", "#6a00f4", "#b5179e"], "#ffffff", "#ffe600", "#00f5d4"),
    light(["#ffe14d", "#ffd60a", "#ffc300"], "#111111", "#ff3d00", "#1d4ed8"),
    dark(["#ff4d1f", "#ff2e63", "#c9184a"], "#ffffff", "#ffe66d", "#1b1b3a"),
    light(["#c6f432", "#a3e635", "#84cc16"], "#0a0a0a", "#7c3aed", "#0a0a0a"),
  ],
  photo: [
    dark(["#0f172a", "#3b1c4a", "#c2410c"], "#ffffff", "#fdba74", "#f472b6"),
    dark(["#031926", "#0b3d5c", "#1b7a8c"], "#f0fbff", "#7dd3fc", "#fde68a"),
    light(["#f8ede3", "#ead7cb", "#cdb9e0"], "#2d2a32", "#b45309", "#7c3aed"),
    dark(["#101010", "#2a2118", "#5c3d1e"], "#fff8ef", "#f59e0b", "#fde68a"),
  ],
};

/** FNV-1a with a murmur3 finish: a small, stable string hash whose low bits are well mixed too. */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** mulberry32: deterministic numbers in [0, 1) for decoration placement. */
export function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pickPalette(style: HeroStyle, seed: number): Palette {
  const list = PALETTES[style];
  return list[seed % list.length]!;
}
