// Row level security of workspaces, memberships and roles, as one table: who (owner, admin, editor,
// viewer-approver, an outsider) may read, create, change and delete what. Every case runs in its own
// transaction as that user — exactly how the app and PostgREST act — and is rolled back, so cases
// are independent. The same table runs on PGlite and, with TEST_DATABASE_URL, on PostgreSQL.
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_OWNER } from "../auth/user";
import type { Database, RawSql } from "./client";
import { MIGRATIONS_DIR, migrate } from "./migrate";
import { openPglite } from "./pglite";
import { asService, asUserSql, ensureUser } from "./rls";
import { openTestDatabase, testBackends } from "./testing";

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const users = {
  owner: { id: id(11), email: "olga@example.com", name: "Olga" },
  admin: { id: id(12), email: "ada@example.com", name: "Ada" },
  editor: { id: id(13), email: "eli@example.com", name: "Eli" },
  viewer: { id: id(14), email: "vic@example.com", name: "Vic" }, // a viewer who may approve
  outsider: { id: id(15), email: "xan@example.com", name: "Xan" },
} as const;
type Who = keyof typeof users;
const TEAM = id(100);
const PLAN = id(200);
const RUN = id(300);
const DOC = id(400);
const TOKEN_HASH = "a".repeat(64);

class Rollback extends Error {}

/** Runs `fn` as `who` and rolls back: the result, or the database's error message. */
async function attempt<T>(db: Database, who: Who, fn: (tx: RawSql) => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: string }> {
  let value: T | undefined;
  try {
    await asUserSql(db, users[who], async (tx) => {
      value = await fn(tx);
      throw new Rollback();
    });
  } catch (e) {
    if (e instanceof Rollback) return { ok: true, value: value as T };
    return { ok: false, error: (e as Error).message };
  }
  throw new Error("unreachable");
}

const count = async (tx: RawSql, text: string, params: unknown[] = []) => (await tx.query(text, params)).length;

async function seedTeam(db: Database) {
  for (const u of Object.values(users)) await ensureUser(db, u);
  // The owner creates the team workspace as themselves; the trigger makes them its owner.
  await asUserSql(db, users.owner, (tx) => tx.query("insert into public.workspaces (id, name) values ($1, 'Growth team')", [TEAM]));
  await asService(db, async (tx) => {
    await tx.query(
      `insert into public.memberships (workspace_id, user_id, role, approver) values
        ($1, $2, 'admin', false), ($1, $3, 'editor', false), ($1, $4, 'viewer', true)`,
      [TEAM, users.admin.id, users.editor.id, users.viewer.id],
    );
  });
  await asUserSql(db, users.editor, async (tx) => {
    await tx.query("insert into public.plans (id, owner_id, workspace_id, title, latest_version) values ($1, $2, $3, 'Launch post', 1)", [
      PLAN,
      users.editor.id,
      TEAM,
    ]);
    await tx.query(
      `insert into public.plan_versions (plan_id, version, title, plan, step_count, created_by) values ($1, 1, 'Launch post', '{"steps":[]}', 0, $2)`,
      [PLAN, users.editor.id],
    );
    await tx.query("insert into public.documents (id, owner_id, workspace_id, title, content) values ($1, $2, $3, 'Brand voice', 'Short sentences.')", [
      DOC,
      users.editor.id,
      TEAM,
    ]);
  });
  await asService(db, async (tx) => {
    await tx.query("insert into public.runs (id, plan_id, plan_version, status, started_by) values ($1, $2, 1, 'running', $3)", [RUN, PLAN, users.editor.id]);
    await tx.query("insert into realtime.messages (topic, extension, payload) values ($1, 'broadcast', '{}')", [`run:${RUN}`]);
    await tx.query(
      "insert into public.invitations (workspace_id, role, token_hash, created_by, expires_at) values ($1, 'editor', $2, $3, now() + interval '7 days')",
      [TEAM, "b".repeat(64), users.owner.id],
    );
  });
}

interface Case {
  what: string;
  /** Users for whom `run` succeeds and returns `expect` (default: 1). */
  allowed: Who[];
  run: (tx: RawSql) => Promise<number>;
  expect?: number;
  /** What everyone else gets: `0` rows (RLS hides or skips them) or an error matching the pattern. */
  otherwise: 0 | RegExp;
  /** Where someone's outcome differs from `otherwise`. */
  except?: Partial<Record<Who, 0 | RegExp>>;
}

const everyone: Who[] = ["owner", "admin", "editor", "viewer", "outsider"];
const members: Who[] = ["owner", "admin", "editor", "viewer"];
const editors: Who[] = ["owner", "admin", "editor"];
const managers: Who[] = ["owner", "admin"];
const RLS_ERROR = /row-level security|row level security|permission denied/;

const cases: Case[] = [
  // Plans and what hangs off them.
  { what: "read the team's plans", allowed: members, run: (tx) => count(tx, "select 1 from public.plans where id = $1", [PLAN]), otherwise: 0 },
  { what: "read the plan's versions", allowed: members, run: (tx) => count(tx, "select 1 from public.plan_versions where plan_id = $1", [PLAN]), otherwise: 0 },
  {
    what: "create a plan in the team",
    allowed: editors,
    run: (tx) => count(tx, "insert into public.plans (owner_id, workspace_id, title) values (auth.uid(), $1, 'New') returning 1", [TEAM]),
    otherwise: RLS_ERROR,
  },
  {
    what: "rename the team's plan",
    allowed: editors,
    run: (tx) => count(tx, "update public.plans set title = 'Renamed' where id = $1 returning 1", [PLAN]),
    otherwise: 0,
  },
  {
    what: "save a version of the team's plan",
    allowed: editors,
    run: (tx) =>
      count(
        tx,
        `insert into public.plan_versions (plan_id, version, title, plan, step_count, created_by) values ($1, 2, 'v2', '{"steps":[]}', 0, auth.uid()) returning 1`,
        [PLAN],
      ),
    otherwise: RLS_ERROR,
  },
  { what: "delete the team's plan", allowed: editors, run: (tx) => count(tx, "delete from public.plans where id = $1 returning 1", [PLAN]), otherwise: 0 },
  { what: "read the team's runs", allowed: members, run: (tx) => count(tx, "select 1 from public.runs where id = $1", [RUN]), otherwise: 0 },
  {
    what: "receive the run's live broadcasts",
    allowed: members,
    run: async (tx) => {
      await tx.query("select set_config('realtime.topic', $1, true)", [`run:${RUN}`]);
      return count(tx, "select 1 from realtime.messages where topic = $1", [`run:${RUN}`]);
    },
    otherwise: 0,
  },
  // Documents: the team's, and the installation's samples.
  { what: "read the team's documents", allowed: members, run: (tx) => count(tx, "select 1 from public.documents where id = $1", [DOC]), otherwise: 0 },
  {
    what: "add a document to the team",
    allowed: editors,
    run: (tx) => count(tx, "insert into public.documents (owner_id, workspace_id, title, content) values (auth.uid(), $1, 'Notes', 'x') returning 1", [TEAM]),
    otherwise: RLS_ERROR,
  },
  {
    what: "delete the team's document",
    allowed: editors,
    run: (tx) => count(tx, "delete from public.documents where id = $1 returning 1", [DOC]),
    otherwise: 0,
  },
  // Workspaces.
  { what: "see the team workspace", allowed: members, run: (tx) => count(tx, "select 1 from public.workspaces where id = $1", [TEAM]), otherwise: 0 },
  {
    what: "rename the team workspace",
    allowed: managers,
    run: (tx) => count(tx, "update public.workspaces set name = 'Growth' where id = $1 returning 1", [TEAM]),
    otherwise: 0,
  },
  {
    what: "delete the team workspace",
    allowed: ["owner"],
    run: (tx) => count(tx, "delete from public.workspaces where id = $1 returning 1", [TEAM]),
    otherwise: 0,
  },
  {
    what: "create a team workspace of their own",
    allowed: everyone,
    run: (tx) => count(tx, "insert into public.workspaces (name) values ('Side project') returning 1"),
    otherwise: 0,
  },
  {
    what: "create a second personal workspace",
    allowed: [],
    run: (tx) => count(tx, "insert into public.workspaces (name, personal) values ('Mine', true) returning 1"),
    otherwise: RLS_ERROR,
  },
  // Memberships.
  {
    what: "see the team's members",
    allowed: members,
    run: (tx) => count(tx, "select 1 from public.memberships where workspace_id = $1", [TEAM]),
    expect: 4,
    otherwise: 0,
  },
  {
    what: "make the viewer an editor",
    allowed: managers,
    run: (tx) => count(tx, "update public.memberships set role = 'editor' where workspace_id = $1 and user_id = $2 returning 1", [TEAM, users.viewer.id]),
    otherwise: 0,
  },
  {
    what: "make someone an owner",
    allowed: ["owner"],
    run: (tx) => count(tx, "update public.memberships set role = 'owner' where workspace_id = $1 and user_id = $2 returning 1", [TEAM, users.editor.id]),
    otherwise: 0,
    except: { admin: RLS_ERROR }, // an admin may change the editor's row, but not into an owner
  },
  {
    what: "remove the editor",
    allowed: [...managers, "editor"], // the editor may leave
    run: (tx) => count(tx, "delete from public.memberships where workspace_id = $1 and user_id = $2 returning 1", [TEAM, users.editor.id]),
    otherwise: 0,
  },
  {
    what: "move a membership to another workspace",
    allowed: [],
    run: (tx) =>
      count(tx, "update public.memberships set workspace_id = $2 where workspace_id = $1 and user_id = $3 returning 1", [TEAM, id(999), users.viewer.id]),
    otherwise: /permission denied/,
  },
  {
    what: "add themselves to the team without an invitation",
    allowed: [],
    run: (tx) => count(tx, "insert into public.memberships (workspace_id, user_id, role) values ($1, auth.uid(), 'owner') returning 1", [TEAM]),
    otherwise: /permission denied/,
  },
  // Invitations.
  {
    what: "see the team's invitations",
    allowed: managers,
    run: (tx) => count(tx, "select 1 from public.invitations where workspace_id = $1", [TEAM]),
    otherwise: 0,
  },
  {
    what: "invite a member",
    allowed: managers,
    run: (tx) =>
      count(tx, "insert into public.invitations (workspace_id, role, token_hash, expires_at) values ($1, 'viewer', $2, now() + interval '1 day') returning 1", [
        TEAM,
        "c".repeat(64),
      ]),
    otherwise: RLS_ERROR,
  },
  {
    what: "revoke an invitation",
    allowed: managers,
    run: (tx) => count(tx, "update public.invitations set revoked_at = now() where workspace_id = $1 returning 1", [TEAM]),
    otherwise: 0,
  },
  {
    what: "change an invitation's role",
    allowed: [],
    run: (tx) => count(tx, "update public.invitations set role = 'admin' where workspace_id = $1 returning 1", [TEAM]),
    otherwise: /permission denied/,
  },
  // API tokens.
  {
    what: "create an API token for the team",
    allowed: members,
    run: (tx) => count(tx, "insert into public.api_tokens (workspace_id, name, token_hash) values ($1, 'CLI', $2) returning 1", [TEAM, TOKEN_HASH]),
    otherwise: RLS_ERROR,
  },
];

describe.each(testBackends)("workspace roles on %s", (backend) => {
  let db: Database & { drop(): Promise<void> };
  beforeAll(async () => {
    db = await openTestDatabase(backend);
    await seedTeam(db);
  }, 60_000);
  afterAll(() => db?.drop());

  for (const c of cases) {
    for (const who of everyone) {
      const allowed = c.allowed.includes(who);
      it(`${who} ${allowed ? "may" : "may not"} ${c.what}`, async () => {
        const result = await attempt(db, who, c.run);
        const otherwise = c.except?.[who] ?? c.otherwise;
        if (allowed) expect(result).toEqual({ ok: true, value: c.expect ?? 1 });
        else if (otherwise === 0) expect(result).toEqual({ ok: true, value: 0 });
        else expect(result.ok ? `succeeded with ${result.value}` : result.error).toMatch(otherwise);
      });
    }
  }

  it("gives every user exactly one personal workspace, which they own and approve in", async () => {
    const rows = await db.query<{ user_id: string; n: number }>(
      `select m.user_id, count(*)::int as n from public.workspaces w join public.memberships m on m.workspace_id = w.id
       where w.personal and m.role = 'owner' and m.approver group by m.user_id`,
    );
    expect(rows.map((r) => r.user_id).sort()).toEqual([LOCAL_OWNER.id, ...Object.values(users).map((u) => u.id)].sort());
    expect(rows.every((r) => r.n === 1)).toBe(true);
  });

  it("files a plan written without a workspace in its owner's personal workspace", async () => {
    const planId = await asUserSql(db, users.outsider, async (tx) => {
      const [row] = await tx.query<{ id: string }>("insert into public.plans (title) values ('Mine') returning id");
      return row!.id;
    });
    const [row] = await db.query<{ personal: boolean; created_by: string }>(
      "select w.personal, w.created_by from public.plans p join public.workspaces w on w.id = p.workspace_id where p.id = $1",
      [planId],
    );
    expect(row).toEqual({ personal: true, created_by: users.outsider.id });
    expect(await attempt(db, "owner", (tx) => count(tx, "select 1 from public.plans where id = $1", [planId]))).toEqual({ ok: true, value: 0 });
  });

  it("keeps a workspace's last owner: demoting or removing them fails and says why", async () => {
    for (const statement of [
      "update public.memberships set role = 'admin' where workspace_id = $1 and user_id = auth.uid()",
      "delete from public.memberships where workspace_id = $1 and user_id = auth.uid()",
    ]) {
      const result = await attempt(db, "owner", (tx) => count(tx, statement, [TEAM]));
      expect(result).toEqual({ ok: false, error: expect.stringContaining("a workspace keeps at least one owner") });
    }
    // With a second owner, the first may step down.
    const stepDown = await attempt(db, "owner", async (tx) => {
      await tx.query("update public.memberships set role = 'owner' where workspace_id = $1 and user_id = $2", [TEAM, users.admin.id]);
      return count(tx, "update public.memberships set role = 'admin' where workspace_id = $1 and user_id = auth.uid() returning 1", [TEAM]);
    });
    expect(stepDown).toEqual({ ok: true, value: 1 });
  });

  it("never lets a token be re-pointed at another workspace or hash", async () => {
    const result = await attempt(db, "editor", async (tx) => {
      await tx.query("insert into public.api_tokens (workspace_id, name, token_hash) values ($1, 'CLI', $2)", [TEAM, TOKEN_HASH]);
      return count(tx, "update public.api_tokens set token_hash = $1 returning 1", ["d".repeat(64)]);
    });
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/permission denied/) });
    const others = await attempt(db, "outsider", (tx) => count(tx, "select 1 from public.api_tokens"));
    expect(others).toEqual({ ok: true, value: 0 });
  });
});

describe("upgrading an installation from before workspaces", () => {
  it("moves the owner's plans and documents into their personal workspace", async () => {
    const all = readdirSync(MIGRATIONS_DIR)
      .filter((f) => f.endsWith(".sql"))
      .sort();
    const before = mkdtempSync(path.join(tmpdir(), "planvas-migrations-"));
    try {
      for (const f of all.filter((f) => f < "20261202000000")) cpSync(path.join(MIGRATIONS_DIR, f), path.join(before, f));
      const db = await openPglite();
      try {
        await migrate(db, { dir: before });
        await ensureUser(db, LOCAL_OWNER);
        await asUserSql(db, LOCAL_OWNER, async (tx) => {
          await tx.query("insert into public.plans (id, title) values ($1, 'Old plan')", [PLAN]);
          await tx.query("insert into public.documents (id, title, content) values ($1, 'Old doc', 'x')", [DOC]);
        });
        await migrate(db);
        const rows = await db.query<{ kind: string; personal: boolean; created_by: string }>(
          `select 'plan' as kind, w.personal, w.created_by from public.plans p join public.workspaces w on w.id = p.workspace_id
           union all
           select 'document', w.personal, w.created_by from public.documents d join public.workspaces w on w.id = d.workspace_id`,
        );
        expect(rows.sort((a, b) => a.kind.localeCompare(b.kind))).toEqual([
          { kind: "document", personal: true, created_by: LOCAL_OWNER.id },
          { kind: "plan", personal: true, created_by: LOCAL_OWNER.id },
        ]);
        expect(await asUserSql(db, LOCAL_OWNER, (tx) => count(tx, "select 1 from public.plans where id = $1", [PLAN]))).toBe(1);
      } finally {
        await db.close();
      }
    } finally {
      rmSync(before, { recursive: true, force: true });
    }
  });
});
