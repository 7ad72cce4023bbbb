import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The shape of the code base, checked: no runtime import cycle (static or dynamic), and the layers of
// DESIGN.md — lib/ never imports app/ or components/, inngest/ never imports React code.
const ROOT = process.cwd();
const DIRS = ["app", "components", "lib", "inngest"];
const EXT = [".ts", ".tsx"];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return name === "node_modules" ? [] : files(p);
    return EXT.includes(path.extname(p)) && !/\.test\.tsx?$/.test(p) ? [p] : [];
  });
}

function resolve(from: string, spec: string): string | null {
  const base = spec.startsWith("@/") ? path.join(ROOT, spec.slice(2)) : spec.startsWith(".") ? path.resolve(path.dirname(from), spec) : null;
  if (!base) return null; // a package
  for (const candidate of [base, ...EXT.map((e) => base + e), ...EXT.map((e) => path.join(base, `index${e}`))]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // try the next candidate
    }
  }
  return null;
}

// Static imports and re-exports (with their clause, to tell type-only ones apart) and dynamic import().
const IMPORT = /(?:^|\n)\s*(?:import|export)\s([^;]*?)\sfrom\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

/** `import type {…}`, `export type {…}`, or braces whose every name is `type X`: gone at run time. */
function typeOnly(clause: string | undefined): boolean {
  if (!clause) return false;
  if (/^type\s/.test(clause.trim())) return true;
  const names = /^\{([^}]*)\}$/
    .exec(clause.trim())?.[1]
    ?.split(",")
    .map((n) => n.trim())
    .filter(Boolean);
  return !!names?.length && names.every((n) => n.startsWith("type "));
}

function graph(): Map<string, string[]> {
  const g = new Map<string, string[]>();
  for (const f of DIRS.flatMap((d) => files(path.join(ROOT, d)))) {
    const text = readFileSync(f, "utf8");
    const deps: string[] = [];
    for (const m of text.matchAll(IMPORT)) {
      // Type-only imports vanish at run time (a slice may name its store's state type); every
      // other import, dynamic ones included, decides the order modules load in.
      if (typeOnly(m[1])) continue;
      const target = resolve(f, m[2] ?? m[3]!);
      if (target) deps.push(target);
    }
    g.set(f, deps);
  }
  return g;
}

function cycles(g: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, "active" | "done">();
  const stack: string[] = [];
  const visit = (n: string) => {
    state.set(n, "active");
    stack.push(n);
    for (const d of g.get(n) ?? []) {
      if (state.get(d) === "active") found.push([...stack.slice(stack.indexOf(d)), d]);
      else if (!state.has(d)) visit(d);
    }
    stack.pop();
    state.set(n, "done");
  };
  for (const n of g.keys()) if (!state.has(n)) visit(n);
  return found;
}

const rel = (p: string) => path.relative(ROOT, p);

describe("the module graph", () => {
  const g = graph();

  it("has no import cycle", () => {
    expect(cycles(g).map((c) => c.map(rel).join(" → "))).toEqual([]);
  });

  it("keeps its layers: lib/ and inngest/ never import app/ or components/", () => {
    const wrong = [...g].flatMap(([f, deps]) =>
      /^(lib|inngest)\//.test(rel(f)) ? deps.filter((d) => /^(app|components)\//.test(rel(d))).map((d) => `${rel(f)} → ${rel(d)}`) : [],
    );
    expect(wrong).toEqual([]);
  });
});
