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

// Advance widths in em, rounded up for Geist Black (the widest weight used): a line measured with
// them is never wider on the picture, so a line set here is a line satori sets.
const em = (ch: string) =>
  ch === " " ? 0.26 : /[MWmw@%]/.test(ch) ? 0.95 : /[A-Z0-9&#?]/.test(ch) ? 0.76 : /[il.,'!|:;()\[\]]/.test(ch) ? 0.34 : /[ftjr\-–]/.test(ch) ? 0.46 : 0.64;
/** The width of `text` in em of its font size. Mono: Geist Mono's fixed advance plus its letter spacing. */
export const widthEm = (text: string, mono = false) => (mono ? [...text].length * (0.62 + 0.16) : [...text].reduce((sum, ch) => sum + em(ch), 0));

/** `text` broken into lines no wider than maxEm; a word wider than a line is broken inside. */
export function wrap(text: string, maxEm: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (let word of text.split(/\s+/).filter(Boolean)) {
    while (widthEm(word) > maxEm) {
      let cut = 1;
      while (cut < word.length && widthEm(word.slice(0, cut + 1)) <= maxEm) cut++;
      if (line) lines.push(line);
      lines.push(word.slice(0, cut));
      line = "";
      word = word.slice(cut);
    }
    const next = line ? `${line} ${word}` : word;
    if (line && widthEm(next) > maxEm) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** At most `max` lines; the last one ends in an ellipsis when text was left out. */
function clamp(lines: string[], max: number, maxEm: number): string[] {
  if (lines.length <= max) return lines;
  const kept = lines.slice(0, max);
  let last = kept[max - 1]!;
  while (last && widthEm(`${last}…`) > maxEm) last = last.slice(0, -1);
  kept[max - 1] = `${last.replace(/[\s,;:.–—-]+$/, "")}…`;
  return kept;
}

export interface TextBox {
  role: "kicker" | "title" | "subtitle";
  left: number;
  top: number;
  width: number;
  height: number;
  fontSize: number;
  lineHeight: number;
  lines: string[];
}

/**
 * Where the words go: boxes stacked from the bottom of the text area up (subtitle, title, kicker),
 * each line measured. The title shrinks until it fits in three lines; the subtitle is dropped
 * before the title would go below its smallest size; nothing overlaps and nothing leaves the frame.
 */
export function heroLayout(width: number, height: number, style: HeroStyle, text: HeroText): TextBox[] {
  const u = Math.min(width, height) / 1024;
  const pad = 84 * u;
  const landscape = width > height;
  const boxWidth = landscape ? width * 0.53 : width - 2 * pad;
  const top = landscape ? pad : height * (height > width ? 0.5 : 0.42);
  const bottom = height - pad;
  const upper = style === "bold";
  const title = upper ? text.title.toUpperCase() : text.title;
  const titleLead = upper ? 0.98 : 1.03;
  const kicker = text.kicker ? { size: 19 * u, lead: 1.3, gap: 26 * u } : null;
  const sub = { size: 29 * u, lead: 1.4, gap: 30 * u, width: Math.min(boxWidth, 880 * u) };
  const subLines = text.subtitle ? clamp(wrap(text.subtitle, sub.width / sub.size), 3, sub.width / sub.size) : [];
  const kickerLines = kicker && text.kicker ? clamp([text.kicker.toUpperCase()], 1, boxWidth / kicker.size) : [];
  const kickerWidthOk = (line: string) => widthEm(line, true) * kicker!.size <= boxWidth;
  while (kickerLines[0] && !kickerWidthOk(kickerLines[0])) kickerLines[0] = `${kickerLines[0].slice(0, -2).trimEnd()}…`;
  const kickerHeight = kicker ? kicker.size * kicker.lead + kicker.gap : 0;

  const fit = (withSubtitle: boolean) => {
    const room = bottom - top - kickerHeight - (withSubtitle && subLines.length ? sub.gap + subLines.length * sub.size * sub.lead : 0);
    for (let size = Math.round(132 * u); size >= 56 * u; size -= 2) {
      const lines = wrap(title, boxWidth / size);
      if (lines.length <= 3 && lines.length * size * titleLead <= room) return { size, lines };
    }
    const size = 56 * u;
    const max = Math.max(1, Math.min(4, Math.floor(room / (size * titleLead))));
    return { size, lines: clamp(wrap(title, boxWidth / size), max, boxWidth / size), squeezed: true };
  };
  let withSubtitle = subLines.length > 0;
  let t = fit(withSubtitle);
  if (withSubtitle && "squeezed" in t) {
    withSubtitle = false;
    t = fit(false);
  }

  const boxes: TextBox[] = [];
  let y = bottom;
  if (withSubtitle) {
    const h = subLines.length * sub.size * sub.lead;
    y -= h;
    boxes.unshift({ role: "subtitle", left: pad, top: y, width: sub.width, height: h, fontSize: sub.size, lineHeight: sub.lead, lines: subLines });
    y -= sub.gap;
  }
  if (t.lines.length) {
    const h = t.lines.length * t.size * titleLead;
    y -= h;
    boxes.unshift({ role: "title", left: pad, top: y, width: boxWidth, height: h, fontSize: t.size, lineHeight: titleLead, lines: t.lines });
  }
  if (kicker && kickerLines.length) {
    y -= kicker.gap + kicker.size * kicker.lead;
    boxes.unshift({
      role: "kicker",
      left: pad + 62 * u,
      top: y,
      width: boxWidth - 62 * u,
      height: kicker.size * kicker.lead,
      fontSize: kicker.size,
      lineHeight: kicker.lead,
      lines: kickerLines,
    });
  }
  return boxes;
}

export interface HeroSpec {
  width: number;
  height: number;
  style: HeroStyle;
  prompt: string;
  text: HeroText;
  /** 0 for the first version; a revision's number for another composition of the same image. */
  variant?: number;
}

/** The hero image as a satori tree; palette and decoration follow from a hash of style + prompt + title. */
export function heroTree({ width: w, height: h, style, prompt, text, variant = 0 }: HeroSpec): Node {
  const base = hash(`${style}\u0000${prompt}\u0000${text.title}`);
  // A revision is another composition: the next palette of the style and other decoration.
  const seed = variant ? hash(`${base}\u0000${variant}`) : base;
  const u = Math.min(w, h) / 1024;
  const f: Frame = { w, h, u, landscape: w > h, p: pickPalette(style, base + variant), rnd: random(seed) };
  const { p } = f;
  const upper = style === "bold";
  const mono = { fontFamily: "Geist Mono", fontWeight: 500, letterSpacing: "0.16em" };
  const line = (box: TextBox, style: Style) => (s: string, i: number) =>
    abs(
      box.left,
      box.top + i * box.fontSize * box.lineHeight,
      box.width,
      box.fontSize * box.lineHeight,
      {
        alignItems: "center",
        whiteSpace: "nowrap",
        fontSize: box.fontSize,
        lineHeight: box.lineHeight,
        ...style,
      },
      s,
    );
  const words = heroLayout(w, h, style, text).flatMap((box) => {
    if (box.role === "kicker")
      return [
        abs(box.left - 62 * u, box.top + (box.height - 5 * u) / 2, 44 * u, 5 * u, { borderRadius: 3 * u, backgroundColor: p.accent }),
        ...box.lines.map(line(box, { ...mono, color: p.ink })),
      ];
    if (box.role === "title") return box.lines.map(line(box, { fontWeight: 900, letterSpacing: upper ? "-0.02em" : "-0.035em", color: p.ink }));
    return box.lines.map(line(box, { fontWeight: 400, color: p.muted }));
  });
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
    ...words,
  );
}
