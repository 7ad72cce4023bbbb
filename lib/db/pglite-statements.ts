import { parse, protocol, type PGlite, type QueryOptions, type Results, type Transaction } from "@electric-sql/pglite";
import type { Statement } from "./client";

// PGlite's query() parses, describes and plans the statement on every call, in six calls into
// the WASM backend (Parse, Describe, Bind, Describe, Execute, Sync). Measured in process: the
// engine's step transition (a CTE that locks, updates and inserts) took 310–430 µs that way, and
// 70–80 µs as a named prepared statement executed with one call (Bind, Execute, Sync); `select 1`
// 60 against 30 µs. Plain PostgreSQL gets the same from postgres.js's prepared statements.
//
// What stays PGlite's: its mutexes (a statement outside a transaction waits for any transaction,
// as query() does), its type serializers and parsers (chosen by the parameter types PostgreSQL
// reports, as query() chooses them), its error objects, notifications, and the file-system sync
// after a statement outside a transaction. PostgreSQL re-plans a prepared statement itself when
// what it depends on changes (tables, roles and row level security, search_path).

const { serialize } = protocol;
type Message = Awaited<ReturnType<PGlite["execProtocolStream"]>>[number];
type Row = Record<string, unknown>;
/** What drizzle passes: rows as arrays or objects, and its own parsers for some types. */
export type StatementOptions = Pick<QueryOptions, "rowMode" | "parsers" | "serializers">;

interface Prepared {
  name: string;
  paramTypes: number[];
  /** The statement's RowDescription; undefined when it returns no rows. */
  rowDescription: Message | undefined;
}

/** How many statements stay prepared; the least recently used is closed beyond it. */
const DEFAULT_CAPACITY = 500;

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * A prepared statement that must be prepared again: its result columns changed (a `select *` after
 * ALTER TABLE), or it is gone (DEALLOCATE ALL from a client of the wire-protocol socket, lib/db/socket.ts).
 */
const isStalePlan = (e: unknown) => {
  const code = (e as { code?: unknown })?.code;
  return code === "26000" || (code === "0A000" && /cached plan must not change result type/.test(String((e as Error).message)));
};

export class PgliteStatements {
  private readonly prepared = new Map<string, Prepared>();
  /** Statements evicted from the cache, closed with the next message sent. */
  private closing: string[] = [];
  private counter = 0;

  constructor(
    private readonly pg: PGlite,
    private readonly capacity = DEFAULT_CAPACITY,
  ) {}

  /** A statement outside any transaction: waits for one in progress, as PGlite's query() does. */
  async query(text: string, params: readonly unknown[]): Promise<Row[]> {
    return (await this.results(text, params, undefined, false)).rows as Row[];
  }

  /** A statement inside a PGlite transaction (whose callback holds the transaction mutex). */
  async inTransaction(text: string, params: readonly unknown[]): Promise<Row[]> {
    return (await this.results(text, params, undefined, true)).rows as Row[];
  }

  /** PGlite's Results ({ rows, fields, affectedRows }), as its query() answers: drizzle's client (pgliteClient below). */
  async results(text: string, params: readonly unknown[], options: StatementOptions | undefined, inTransaction: boolean): Promise<Results> {
    const run = () => this.run(text, params, options, !inTransaction);
    const once = async () => {
      try {
        return await run();
      } catch (e) {
        if (!isStalePlan(e)) throw e;
        this.forget(text);
        // Outside a transaction nothing was done: prepare it again. Inside, the transaction failed.
        if (inTransaction) throw e;
        return run();
      }
    };
    return inTransaction ? once() : this.pg._runExclusiveTransaction(once);
  }

  /** After DDL (migrations run through exec): statements prepared before it are prepared again. */
  forgetAll() {
    for (const text of [...this.prepared.keys()]) this.forget(text);
  }

  /** Statements prepared now, for tests. */
  get size() {
    return this.prepared.size;
  }

  private forget(text: string) {
    const p = this.prepared.get(text);
    if (!p) return;
    this.prepared.delete(text);
    this.closing.push(p.name);
  }

  /**
   * Statements in one transaction, in one call into the backend: BEGIN and the statements, a Sync,
   * then COMMIT. When a statement fails the backend skips the rest up to the Sync, and the COMMIT
   * rolls the transaction back; the failure is thrown with its statement attached. What the
   * PostgreSQL backing's batch does in one round trip (postgres.ts), without PGlite's transaction()
   * costing a call for BEGIN and one for COMMIT. Waits for a transaction in progress, as query() does.
   */
  async batch(statements: readonly Statement[]): Promise<Row[][]> {
    const attempt = () => this.pg._runExclusiveQuery(() => this.runBatch(statements));
    return this.pg._runExclusiveTransaction(async () => {
      try {
        return await attempt();
      } catch (e) {
        if (!isStalePlan(e)) throw e;
        // Rolled back: nothing was done. Prepare the stale statement again and send it all again.
        this.forget((e as { query: string }).query);
        return attempt();
      }
    });
  }

  private async runBatch(statements: readonly Statement[]): Promise<Row[][]> {
    try {
      const begin = await this.prepare("begin");
      const prepared: Prepared[] = [];
      for (const s of statements) prepared.push(await this.prepare(s.text));
      const parts = [serialize.bind({ statement: begin.name, values: [] }), serialize.execute({})];
      statements.forEach((s, i) =>
        parts.push(serialize.bind({ statement: prepared[i]!.name, values: this.values(prepared[i]!, s.params ?? []) }), serialize.execute({})),
      );
      // Preparing them may have evicted one of them (a batch larger than the cache): it is closed later.
      const used = new Set([begin, ...prepared].map((p) => p.name));
      const closes = this.closing.filter((name) => !used.has(name)).map((name) => serialize.close({ type: "S", name }));
      this.closing = this.closing.filter((name) => used.has(name));
      const messages = await this.pg.execProtocolStream(concat([...closes, ...parts, serialize.sync(), serialize.query("commit")]), {
        syncToFs: false,
        throwOnError: false,
      });
      // Each of BEGIN, the statements and COMMIT answers up to its CommandComplete, or an error.
      const answers: Message[][] = [];
      let answer: Message[] = [];
      for (const m of messages) {
        if (m instanceof Error || m.name === "error") {
          const at = answers.length - 1; // -1: BEGIN, statements.length: COMMIT
          const s = statements[at];
          throw Object.assign(m, s ? { query: s.text, params: s.params ?? [] } : { query: at < 0 ? "begin" : "commit", params: [] });
        }
        if (m.name === "readyForQuery") continue;
        answer.push(m);
        if (m.name === "commandComplete") {
          answers.push(answer);
          answer = [];
        }
      }
      const committed = answers[statements.length + 1]?.at(-1) as { text?: string } | undefined;
      if (committed?.text !== "COMMIT") throw new Error(`a batch of ${statements.length} statements did not commit (${committed?.text ?? "no answer"})`);
      return statements.map((_, i) => {
        const p = prepared[i]!;
        const got = answers[i + 1]!;
        return (parse.parseResults(p.rowDescription ? [p.rowDescription, ...got] : got, this.pg.parsers)[0]?.rows ?? []) as Row[];
      });
    } finally {
      await this.pg.syncToFs();
    }
  }

  /** Parameter values as text, serialized by the types PostgreSQL reported for them (as query() does). */
  private values(p: Prepared, params: readonly unknown[], options?: StatementOptions): (string | null)[] {
    return params.map((v, i) => {
      if (v === null || v === undefined) return null;
      const oid = p.paramTypes[i]!;
      const toText = options?.serializers?.[oid] ?? this.pg.serializers[oid];
      return toText ? toText(v) : String(v);
    });
  }

  private run(text: string, params: readonly unknown[], options: StatementOptions | undefined, autocommit: boolean): Promise<Results> {
    return this.pg._runExclusiveQuery(async () => {
      try {
        const p = await this.prepare(text);
        const values = this.values(p, params, options);
        const messages = await this.send([serialize.bind({ statement: p.name, values }), serialize.execute({})]);
        const [result] = parse.parseResults(p.rowDescription ? [p.rowDescription, ...messages] : messages, this.pg.parsers, options);
        return result ?? { rows: [], fields: [] };
      } catch (e) {
        throw Object.assign(e as object, { query: text, params });
      } finally {
        if (autocommit) await this.pg.syncToFs();
      }
    });
  }

  private async prepare(text: string): Promise<Prepared> {
    const hit = this.prepared.get(text);
    if (hit) {
      // Most recently used last: the Map's order is the eviction order.
      this.prepared.delete(text);
      this.prepared.set(text, hit);
      return hit;
    }
    const name = `planvas_${++this.counter}`;
    const messages = await this.send([serialize.parse({ name, text }), serialize.describe({ type: "S", name })]);
    const description = messages.find((m) => m.name === "parameterDescription") as { dataTypeIDs?: number[] } | undefined;
    const prepared: Prepared = {
      name,
      paramTypes: description?.dataTypeIDs ?? [],
      rowDescription: messages.find((m) => m.name === "rowDescription"),
    };
    this.prepared.set(text, prepared);
    while (this.prepared.size > this.capacity) this.forget(this.prepared.keys().next().value!);
    return prepared;
  }

  /** The messages, preceded by any pending Close, and a Sync: one call into the backend. */
  private send(parts: Uint8Array[]): Promise<Message[]> {
    const closes = this.closing.splice(0).map((name) => serialize.close({ type: "S", name }));
    return this.pg.execProtocolStream(concat([...closes, ...parts, serialize.sync()]), { syncToFs: false });
  }
}

/**
 * The client drizzle-orm/pglite is given: PGlite itself, whose query() (drizzle's only statement
 * call, in and out of transactions) runs through the prepared statements.
 */
export function pgliteClient(pg: PGlite, statements: PgliteStatements): PGlite {
  const query =
    (inTransaction: boolean) =>
    (text: string, params: unknown[] = [], options?: StatementOptions) =>
      statements.results(text, params, options, inTransaction);
  return new Proxy(pg, {
    get(target, key) {
      if (key === "query") return query(false);
      if (key === "transaction")
        return <T>(fn: (tx: Transaction) => Promise<T>) =>
          target.transaction((tx) => fn(new Proxy(tx, { get: (t, k, r) => (k === "query" ? query(true) : Reflect.get(t, k, r)) })));
      // PGlite itself as `this`: its methods and getters use private fields, which a proxy has not.
      const v = Reflect.get(target, key) as unknown;
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}
