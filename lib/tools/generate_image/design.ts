import { hash, pickPalette, random, rgba, type HeroStyle, type Palette } from "./palette";
import type { HeroText } from "./text";

/** A satori element: the shape React elements have, written as plain objects. */
export interface Node {
  type: string;
  props: { style?: Style; children?: Child | Child[]; [attribute: string]: unknown };
}
type Child = Node | string;
type Style = Record<string, string | number>;

const div = (style: Style, ...children: Child[]): Node => ({ type: "div", props: { style: { display: "flex", ...style }, children } });

interface Frame {
  w: number;
  h: number;
  /** 1 on a 1024 px short side; every length scales with it. */
  u: number;
  landscape: boolean;
  p: Palette;
  rnd: () => number;
}

const abs = (left: number, top: number, width: number, height: number, style: Style = {}, ...children: Child[]): Node =>
  div({ position: "absolute", left, top, width, height, ...style }, ...children);
const circle = (cx: number, cy: number, d: number, style: Style) => abs(cx - d / 2, cy - d / 2, d, d, { borderRadius: d / 2, ...style });
// An SVG circle: satori draws thick borders on rounded boxes as squircles.
const ring = (cx: number, cy: number, d: number, stroke: number, color: string): Node => ({
  type: "svg",
  props: {
    width: d,
    height: d,
    viewBox: `0 0 ${d} ${d}`,
    style: { position: "absolute", left: cx - d / 2, top: cy - d / 2 },
    children: { type: "circle", props: { cx: d / 2, cy: d / 2, r: (d - stroke) / 2, fill: "none", stroke: color, strokeWidth: stroke } },
  },
});

function dotGrid(f: Frame, left: number, top: number, cols: number, rows: number, color: string): Node[] {
  const gap = 30 * f.u;
  const dots: Node[] = [];
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) dots.push(circle(left + c * gap, top + r * gap, 5 * f.u, { backgroundColor: color }));
  return dots;
}

/** Where the artwork goes: the right part of a landscape image, the upper part of the others. */
function stage(f: Frame) {
  if (f.landscape) return { cx: f.w * 0.78, cy: f.h * 0.48, r: f.h * 0.4 };
  return f.h > f.w ? { cx: f.w * 0.58, cy: f.h * 0.3, r: f.w * 0.34 } : { cx: f.w * 0.66, cy: f.h * 0.3, r: f.w * 0.22 };
}

function editorial(f: Frame): Node[] {
  const { cx, cy, r } = stage(f);
  const { p, u } = f;
  const x = cx + (f.rnd() - 0.5) * r * 0.3;
  // The moon sits somewhere on the upper half of the orbit.
  const a = Math.PI * (1.1 + f.rnd() * 0.8);
  const mx = x + Math.cos(a) * r * 0.85;
  const my = cy + Math.sin(a) * r * 0.85;
  return [
    ring(x, cy, r * 2.3, 1.5 * u, rgba(p.ink, 0.16)),
    ring(x, cy, r * 1.7, 1.5 * u, rgba(p.ink, 0.22)),
    circle(x, cy, r * 1.15, { backgroundImage: `linear-gradient(${Math.round(120 + f.rnd() * 90)}deg, ${p.accent}, ${rgba(p.accent2, 0.9)})` }),
    circle(mx, my, r * 0.42, { backgroundColor: p.bg[0] }),
    ring(mx, my, r * 0.42, 3 * u, p.ink),
    ...(f.landscape ? dotGrid(f, f.w - 250 * u, f.h - 200 * u, 6, 4, rgba(p.ink, 0.35)) : dotGrid(f, 92 * u, 210 * u, 4, 4, rgba(p.ink, 0.35))),
  ];
}

function illustration(f: Frame): Node[] {
  const { cx, cy, r } = stage(f);
  const { p, u, rnd } = f;
  const colors = [p.accent, p.accent2, rgba(p.ink, 0.9), rgba(p.accent, 0.82), rgba(p.accent2, 0.85)];
  const blobs = colors.map((color, i) => {
    const a = (i / colors.length) * Math.PI * 2 + rnd();
    const d = r * (0.5 + rnd() * 0.5) * (i === 2 ? 0.45 : 1);
    const x = cx + Math.cos(a) * r * 0.48;
    const y = cy + Math.sin(a) * r * 0.5;
    const round = i % 2 === 0 ? d / 2 : d * 0.28;
    return abs(x - d / 2, y - d / 2, d, d, { backgroundColor: color, borderRadius: round, transform: `rotate(${Math.round(rnd() * 90)}deg)` });
  });
  const sparkles = Array.from({ length: 7 }, () => {
    const s = (10 + rnd() * 16) * u;
    return abs(cx + (rnd() - 0.5) * r * 2.6, cy + (rnd() - 0.5) * r * 2.2, s, s, {
      backgroundColor: rnd() > 0.5 ? p.ink : p.accent,
      transform: "rotate(45deg)",
      borderRadius: 3 * u,
    });
  });
  return [circle(cx, cy, r * 2.1, { backgroundColor: rgba("#ffffff", p.mode === "dark" ? 0.06 : 0.45) }), ...blobs, ...sparkles];
}

function minimal(f: Frame): Node[] {
  const { cx, cy, r } = stage(f);
  const { p, u, rnd } = f;
  const d = r * (0.5 + rnd() * 0.25);
  const x = cx + (rnd() - 0.5) * r * 0.6;
  return [
    abs(x - r, cy, f.w, 1.5 * u, { backgroundColor: rgba(p.ink, 0.12) }),
    abs(x, 0, 1.5 * u, f.h, { backgroundColor: rgba(p.ink, 0.12) }),
    circle(x, cy, d, { backgroundColor: p.accent }),
    circle(x + d * 0.9 < f.w - 80 * u ? x + d * 0.9 : x - d * 0.9, cy - d * 0.9, d * 0.18, { backgroundColor: p.ink }),
  ];
}

function bold(f: Frame): Node[] {
  const { cx, cy, r } = stage(f);
  const { p, u, rnd } = f;
  const stripes = Array.from({ length: 6 }, (_, i) =>
    abs(cx - r * 1.2 + i * r * 0.45, cy - f.h, r * 0.18, f.h * 2.4, {
      backgroundColor: i % 2 ? rgba(p.ink, 0.14) : rgba(p.accent2, 0.3),
      transform: `rotate(${24 + Math.round(rnd() * 8)}deg)`,
    }),
  );
  const a = Math.PI * (1.05 + rnd() * 0.5);
  const b = a + Math.PI * (0.8 + rnd() * 0.4);
  const on = (angle: number) => [cx + Math.cos(angle) * r * 0.78, cy + Math.sin(angle) * r * 0.78] as const;
  const [sx, sy] = on(a);
  const [dx, dy] = on(b);
  return [
    ...stripes,
    ring(cx, cy, r * 1.5, 34 * u, p.accent),
    circle(dx, dy, r * (0.4 + rnd() * 0.2), { backgroundColor: p.ink }),
    abs(sx - r * 0.25, sy - r * 0.25, r * 0.5, r * 0.5, { backgroundColor: p.accent2, transform: `rotate(${Math.round(rnd() * 40 - 20)}deg)` }),
  ];
}

function photo(f: Frame): Node[] {
  const { cx, cy, r } = stage(f);
  const { p, u, rnd } = f;
  const bokeh = Array.from({ length: 14 }, (_, i) => {
    const d = (40 + rnd() * 180) * u;
    const color = i % 3 === 0 ? p.accent2 : p.accent;
    return circle(cx + (rnd() - 0.5) * r * 2.8, cy + (rnd() - 0.5) * r * 2.2, d, {
      backgroundImage: `radial-gradient(circle, ${rgba(color, 0.55)} 0%, ${rgba(color, 0.18)} 55%, ${rgba(color, 0)} 72%)`,
    });
  });
  const shade = p.mode === "dark" ? "#000000" : p.bg[0];
  return [
    circle(cx, cy, r * 2.6, { backgroundImage: `radial-gradient(circle, ${rgba(p.accent, 0.85)} 0%, ${rgba(p.accent, 0.35)} 30%, ${rgba(p.accent, 0)} 68%)` }),
    ...bokeh,
    abs(0, f.h * 0.45, f.w, f.h * 0.55, { backgroundImage: `linear-gradient(180deg, ${rgba(shade, 0)} 0%, ${rgba(shade, 0.7)} 100%)` }),
    abs(0, 0, f.w, f.h, { backgroundImage: `radial-gradient(ellipse at 50% 45%, ${rgba(shade, 0)} 55%, ${rgba(shade, 0.5)} 100%)` }),
  ];
}

const ARTWORK: Record<HeroStyle, (f: Frame) => Node[]> = { editorial, illustration, minimal, bold, photo };

function mark(f: Frame): Node {
  const { p, u } = f;
  const cell = (bg: string) => div({ width: 9 * u, height: 9 * u, borderRadius: 2.5 * u, backgroundColor: bg });
  return div(
    { alignItems: "center", gap: 14 * u },
    div(
      {
        width: 40 * u,
        height: 40 * u,
        borderRadius: 11 * u,
        backgroundImage: `linear-gradient(135deg, ${p.accent}, ${p.accent2})`,
        flexWrap: "wrap",
        alignContent: "center",
        justifyContent: "center",
        gap: 4 * u,
        padding: 9 * u,
      },
      cell(p.bg[0]),
      cell(rgba(p.bg[0], 0.6)),
      cell(rgba(p.bg[0], 0.6)),
      cell(p.bg[0]),
    ),
    div({ fontSize: 26 * u, fontWeight: 600, letterSpacing: "-0.01em", color: p.ink }, "Planvas"),
  );
}

// Advance widths of Geist Black in em, roughly: enough to wrap a headline before satori does.
const em = (ch: string) => (ch === " " ? 0.24 : /[A-Z0-9]/.test(ch) ? 0.7 : /[il.,'!|:;]/.test(ch) ? 0.3 : /[mwMW]/.test(ch) ? 0.9 : 0.6);
const widthEm = (word: string) => [...word].reduce((sum, ch) => sum + em(ch), 0);

function lineCount(words: string[], maxEm: number): number {
  let lines = 1;
  let line = 0;
  for (const word of words) {
    const w = widthEm(word);
    if (line > 0 && line + 0.24 + w > maxEm) {
      lines++;
      line = w;
    } else line += (line > 0 ? 0.24 : 0) + w;
  }
  return lines;
}

/** The largest type that sets the headline in at most three lines inside the box. */
function titleSize(title: string, width: number, height: number, u: number, lineHeight: number): number {
  const words = title.split(/\s+/);
  for (let size = Math.round(132 * u); size > 48 * u; size -= 4) {
    const lines = lineCount(words, width / size);
    if (lines <= 3 && Math.max(...words.map(widthEm)) * size <= width && lines * size * lineHeight <= height) return size;
  }
  return Math.round(48 * u);
}

export interface HeroSpec {
  width: number;
  height: number;
  style: HeroStyle;
  prompt: string;
  text: HeroText;
}

/** The hero image as a satori tree; palette and decoration follow from a hash of style + prompt + title. */
export function heroTree({ width: w, height: h, style, prompt, text }: HeroSpec): Node {
  const seed = hash(`${style}\u0000${prompt}\u0000${text.title}`);
  const u = Math.min(w, h) / 1024;
  const f: Frame = { w, h, u, landscape: w > h, p: pickPalette(style, seed), rnd: random(seed) };
  const { p } = f;
  const pad = 84 * u;
  const textWidth = f.landscape ? w * 0.53 : w - 2 * pad;
  const upper = style === "bold";
  const title = upper ? text.title.toUpperCase() : text.title;
  const lineHeight = upper ? 0.98 : 1.03;
  const titleBox = (f.landscape ? h - 2 * pad - 170 * u : h * 0.4) - (text.subtitle ? 120 * u : 0);
  const mono = { fontFamily: "Geist Mono", fontWeight: 500, textTransform: "uppercase", letterSpacing: "0.16em" };
  return div(
    {
      position: "relative",
      width: w,
      height: h,
      overflow: "hidden",
      fontFamily: "Geist",
      color: p.ink,
      backgroundImage: `linear-gradient(${Math.round(100 + f.rnd() * 70)}deg, ${p.bg[0]} 0%, ${p.bg[1]} 55%, ${p.bg[2]} 100%)`,
    },
    abs(0, 0, w, h, { backgroundImage: `radial-gradient(circle at 12% 0%, ${rgba("#ffffff", p.mode === "dark" ? 0.1 : 0.5)} 0%, ${rgba("#ffffff", 0)} 55%)` }),
    ...ARTWORK[style](f),
    abs(
      pad,
      pad,
      w - 2 * pad,
      h - 2 * pad,
      { flexDirection: "column", justifyContent: "space-between" },
      div(
        { justifyContent: "space-between", alignItems: "center" },
        mark(f),
        div({ ...mono, fontSize: 16 * u, color: p.muted }, `${style} · no. ${String((seed % 97) + 1).padStart(2, "0")}`),
      ),
      div(
        { flexDirection: "column", width: textWidth },
        div(
          { alignItems: "center", gap: 18 * u, marginBottom: 26 * u },
          div({ width: 44 * u, height: 5 * u, borderRadius: 3 * u, backgroundColor: p.accent }),
          div({ ...mono, fontSize: 19 * u, color: p.ink }, text.kicker),
        ),
        div(
          {
            fontSize: titleSize(title, textWidth, titleBox, u, lineHeight),
            fontWeight: 900,
            lineHeight,
            letterSpacing: upper ? "-0.02em" : "-0.035em",
            color: p.ink,
          },
          title,
        ),
        ...(text.subtitle
          ? [div({ marginTop: 30 * u, fontSize: 29 * u, lineHeight: 1.4, color: p.muted, maxWidth: Math.min(textWidth, 880 * u) }, text.subtitle)]
          : []),
      ),
    ),
  );
}
