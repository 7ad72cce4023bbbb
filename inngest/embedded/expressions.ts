// The subset of Inngest's CEL expressions that the SDK compiles from `match`, `if` and `cancelOn`:
//   ==  !=  &&  ||  ( )  dotted paths rooted at `event.` / `async.`  'str' "str" 12 -1.5 true false null
// Anything else (>, !, in, functions, indexing, arithmetic) is rejected when the expression is
// compiled, so a function that uses it fails at registration instead of never matching.
//
// Semantics (CEL's, simplified): `event` is the run's triggering event (for a trigger expression,
// the incoming event itself) and `async` the incoming event. A comparison that reads a missing
// field is false for both == and != (CEL would raise an error and not match). Equality is deep and
// without coercion (1 != "1"). An operand standing alone in a boolean position matches only if it
// is exactly `true`.

export type ExprContext = { event?: unknown; async?: unknown };

type Node =
  | { k: "lit"; v: unknown }
  | { k: "path"; root: "event" | "async"; keys: string[] }
  | { k: "cmp"; op: "==" | "!="; l: Node; r: Node }
  | { k: "and" | "or"; l: Node; r: Node };

export interface CompiledExpression {
  source: string;
  test(ctx: ExprContext): boolean;
}

type Tok = { t: "op" | "str" | "num" | "id"; v: string; at: number };

const MISSING = Symbol("missing");

export class ExpressionError extends Error {
  constructor(source: string, why: string) {
    super(
      `unsupported expression ${JSON.stringify(source)}: ${why} (the embedded Inngest runner supports ==, !=, &&, ||, parentheses, event./async. paths and literals)`,
    );
    this.name = "ExpressionError";
  }
}

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const two = src.slice(i, i + 2);
    if (two === "==" || two === "!=" || two === "&&" || two === "||") {
      out.push({ t: "op", v: two, at: i });
      i += 2;
      continue;
    }
    if (c === "(" || c === ")" || c === ".") {
      out.push({ t: "op", v: c, at: i });
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      let s = "";
      while (j < src.length && src[j] !== c) {
        if (src[j] === "\\") {
          const e = src[j + 1];
          const map: Record<string, string> = { n: "\n", t: "\t", r: "\r", "\\": "\\", '"': '"', "'": "'" };
          if (e === undefined || !(e in map)) throw new ExpressionError(src, `unsupported escape at ${j}`);
          s += map[e];
          j += 2;
        } else s += src[j++];
      }
      if (j >= src.length) throw new ExpressionError(src, `unterminated string at ${i}`);
      out.push({ t: "str", v: s, at: i });
      i = j + 1;
      continue;
    }
    const num = /^-?\d+(\.\d+)?(?![\w.])/.exec(src.slice(i));
    if (num) {
      out.push({ t: "num", v: num[0], at: i });
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (id) {
      out.push({ t: "id", v: id[0], at: i });
      i += id[0].length;
      continue;
    }
    throw new ExpressionError(src, `unexpected ${JSON.stringify(c)} at ${i}`);
  }
  return out;
}

function parse(src: string): Node {
  const toks = tokenize(src);
  let p = 0;
  const peek = () => toks[p];
  const fail = (why: string): never => {
    throw new ExpressionError(src, why);
  };
  const isOp = (v: string) => peek()?.t === "op" && peek()?.v === v;

  const binary = (op: "||" | "&&", next: () => Node): Node => {
    let l = next();
    while (isOp(op)) {
      p++;
      l = { k: op === "||" ? "or" : "and", l, r: next() };
    }
    return l;
  };
  const or = (): Node => binary("||", and);
  const and = (): Node => binary("&&", cmp);
  const cmp = (): Node => {
    const l = operand();
    const t = peek();
    if (t?.t === "op" && (t.v === "==" || t.v === "!=")) {
      p++;
      const r = operand();
      const n = peek();
      if (n?.t === "op" && (n.v === "==" || n.v === "!=")) fail(`chained comparison at ${n.at}`);
      return { k: "cmp", op: t.v, l, r };
    }
    return l;
  };
  const operand = (): Node => {
    const t = peek();
    if (!t) return fail("unexpected end");
    p++;
    if (t.t === "op" && t.v === "(") {
      const inner = or();
      if (!isOp(")")) fail(`missing ) for ( at ${t.at}`);
      p++;
      return inner;
    }
    if (t.t === "str") return { k: "lit", v: t.v };
    if (t.t === "num") return { k: "lit", v: Number(t.v) };
    if (t.t === "id") {
      if (t.v === "true" || t.v === "false") return { k: "lit", v: t.v === "true" };
      if (t.v === "null") return { k: "lit", v: null };
      if (t.v !== "event" && t.v !== "async") return fail(`unknown name ${JSON.stringify(t.v)} at ${t.at} (paths start with event. or async.)`);
      const keys: string[] = [];
      while (isOp(".")) {
        p++;
        const k = peek();
        if (k?.t !== "id") return fail(`expected a field name after . at ${toks[p - 1]!.at}`);
        keys.push(k.v);
        p++;
      }
      if (isOp("(")) fail(`function calls are not supported (at ${peek()!.at})`);
      return { k: "path", root: t.v, keys };
    }
    return fail(`unexpected ${JSON.stringify(t.v)} at ${t.at}`);
  };

  if (!toks.length) fail("empty expression");
  const node = or();
  if (p < toks.length) fail(`unexpected ${JSON.stringify(toks[p]!.v)} at ${toks[p]!.at}`);
  return node;
}

function value(n: Node, ctx: ExprContext): unknown {
  switch (n.k) {
    case "lit":
      return n.v;
    case "path": {
      let cur: unknown = ctx[n.root];
      if (cur === undefined) return MISSING;
      for (const key of n.keys) {
        if (cur === null || typeof cur !== "object" || !Object.hasOwn(cur, key)) return MISSING;
        cur = (cur as Record<string, unknown>)[key];
      }
      return cur === undefined ? MISSING : cur;
    }
    default:
      return truth(n, ctx);
  }
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.hasOwn(b, k) && deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function truth(n: Node, ctx: ExprContext): boolean {
  switch (n.k) {
    case "and":
      return truth(n.l, ctx) && truth(n.r, ctx);
    case "or":
      return truth(n.l, ctx) || truth(n.r, ctx);
    case "cmp": {
      const l = value(n.l, ctx);
      const r = value(n.r, ctx);
      if (l === MISSING || r === MISSING) return false;
      return n.op === "==" ? deepEqual(l, r) : !deepEqual(l, r);
    }
    default:
      return value(n, ctx) === true;
  }
}

/** Compiles an expression; throws ExpressionError for anything outside the supported subset. */
export function compileExpression(source: string): CompiledExpression {
  const ast = parse(source);
  return { source, test: (ctx) => truth(ast, ctx) };
}

/** `undefined`/empty expression = always true (Inngest's meaning of "no `if`"). */
export function compileOptional(source: string | null | undefined): CompiledExpression | null {
  return source && source.trim() ? compileExpression(source) : null;
}
