// Cron expressions for schedules (and the embedded runner's cron triggers): 5 fields, an IANA time
// zone, next fire times and a human preview. Parsing and the time-zone arithmetic are croner's
// (pinned in package.json); this module only fixes the dialect and words the errors by field.
import { Cron } from "croner";

export interface CronIssue {
  path: "cron" | "timezone";
  message: string;
}

/** An IANA zone name this runtime knows ("Europe/Lisbon", "UTC"); Intl is the authority. */
export function isTimeZone(tz: string): boolean {
  if (!tz || tz.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * A 5-field cron expression (minute hour day-of-month month day-of-week) in `timezone`, or the
 * issues naming the field at fault. Seconds and years (croner's 6- and 7-field forms) are refused:
 * the tick runs once a minute, so a finer pattern could not be honoured.
 */
export function parseCron(expr: string, timezone: string): { ok: true; cron: Cron } | { ok: false; issues: CronIssue[] } {
  const issues: CronIssue[] = [];
  const fields = expr.trim().split(/\s+/).filter(Boolean);
  if (!isTimeZone(timezone)) issues.push({ path: "timezone", message: `unknown time zone "${timezone}" (use an IANA name such as "Europe/Lisbon" or "UTC")` });
  if (fields.length !== 5) {
    issues.push({ path: "cron", message: `expected 5 fields (minute hour day-of-month month day-of-week), got ${fields.length}` });
  } else if (!issues.length) {
    try {
      // legacyMode (the default): day-of-month and day-of-week are OR-ed, as in Vixie cron.
      const cron = new Cron(fields.join(" "), { timezone, paused: true });
      if (!cron.nextRun(new Date())) issues.push({ path: "cron", message: "never fires" });
      else return { ok: true, cron };
    } catch (e) {
      issues.push({ path: "cron", message: (e as Error).message.replace(/^CronPattern: /, "") });
    }
  }
  return { ok: false, issues };
}

/** The next `count` fire times strictly after `after`. */
export function nextFires(cron: Cron, after: Date, count: number): Date[] {
  return cron.nextRuns(count, after);
}

/** The first fire time strictly after `after`, or null when the pattern never fires again. */
export function nextFire(cron: Cron, after: Date): Date | null {
  return cron.nextRun(after);
}

/**
 * Fire times in (after, upTo], oldest first: the newest `keep` of them, and how many there were
 * (catching up only ever needs the latest few). Used by the tick for missed times after downtime.
 */
export function firesBetween(cron: Cron, after: Date, upTo: Date, keep = 1000): { times: Date[]; count: number } {
  const times: Date[] = [];
  let count = 0;
  let t: Date | null = after;
  // A year of every-minute ticks at most: a schedule that long overdue still gets decided.
  for (let i = 0; i < 600_000; i++) {
    t = cron.nextRun(t);
    if (!t || t > upTo) break;
    count++;
    times.push(t);
    if (times.length > keep) times.shift();
  }
  return { times, count };
}

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const pad = (n: string) => n.padStart(2, "0");
const isNum = (s: string) => /^\d+$/.test(s);

function list(field: string, names: string[] | null, offset = 0): string | null {
  if (!/^[\d,-]+$/.test(field)) return null;
  const parts = field.split(",").map((p) => {
    const [a, b] = p.split("-");
    const name = (v: string) => (names ? (names[(Number(v) - offset) % names.length] ?? v) : v);
    return b === undefined ? name(a!) : `${name(a!)} to ${name(b)}`;
  });
  return parts.length > 1 ? `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}` : parts[0]!;
}

/**
 * A short English reading of the common shapes ("every Monday at 09:00", "every 15 minutes",
 * "at minute 5 of every hour"); anything else reads as the expression itself. The exact meaning is
 * always shown next to it as the next fire times, so a rough phrase never misleads on its own.
 */
export function describeCron(expr: string): string {
  const f = expr.trim().split(/\s+/);
  if (f.length !== 5) return `cron "${expr}"`;
  const [min, hour, dom, mon, dow] = f as [string, string, string, string, string];
  let when: string | null = null;
  const step = /^\*\/(\d+)$/;
  if (min === "*" && hour === "*") when = "every minute";
  else if (step.test(min) && hour === "*") when = `every ${step.exec(min)![1]} minutes`;
  else if (isNum(min) && hour === "*") when = `at minute ${Number(min)} of every hour`;
  else if (isNum(min) && step.test(hour)) when = `every ${step.exec(hour)![1]} hours at minute ${Number(min)}`;
  else if (isNum(min) && /^[\d,]+$/.test(hour))
    when = `at ${hour
      .split(",")
      .map((h) => `${pad(h)}:${pad(min)}`)
      .join(", ")}`;
  if (!when) return `cron "${expr}"`;
  const days: string[] = [];
  if (dow !== "*") {
    const d = list(dow, DAYS);
    if (!d) return `cron "${expr}"`;
    days.push(dow === "1-5" ? "on weekdays" : `on ${d}`);
  }
  if (dom !== "*") {
    const d = list(dom, null);
    if (!d) return `cron "${expr}"`;
    days.push(`on day ${d} of the month`);
  }
  if (mon !== "*") {
    const m = list(mon, MONTHS, 1);
    if (!m) return `cron "${expr}"`;
    days.push(`in ${m}`);
  }
  if (!days.length && /^at \d/.test(when)) return `every day ${when}`;
  if (dow !== "*" && dom === "*" && mon === "*" && when.startsWith("at ") && !dow.includes("-") && !dow.includes(",") && dow !== "1-5") {
    return `every ${list(dow, DAYS)} ${when}`;
  }
  return `${when} ${days.join(" ")}`.trim();
}

/** "7 Dec 09:00" in the schedule's zone (for previews and lists). */
export function formatFire(d: Date, timezone: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone: timezone, day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
    .format(d)
    .replace(",", "");
}

/** "every Monday at 09:00 Europe/Lisbon; next: 7 Dec 09:00" */
export function previewCron(
  expr: string,
  timezone: string,
  now: Date = new Date(),
): { ok: true; text: string; next: Date[] } | { ok: false; issues: CronIssue[] } {
  const p = parseCron(expr, timezone);
  if (!p.ok) return p;
  const next = nextFires(p.cron, now, 5);
  return { ok: true, text: `${describeCron(expr)} ${timezone}; next: ${next[0] ? formatFire(next[0], timezone) : "never"}`, next };
}

/**
 * An Inngest cron trigger: a 5-field expression, optionally prefixed "TZ=<zone> " as Inngest
 * accepts it (UTC otherwise). Throws naming the problem (the embedded runner refuses such a
 * function at registration, as Inngest would).
 */
export function parseInngestCron(spec: string): Cron {
  const m = /^\s*(?:TZ=(\S+)\s+)?(.*)$/.exec(spec)!;
  const p = parseCron(m[2]!, m[1] ?? "UTC");
  if (!p.ok) throw new Error(`invalid cron trigger "${spec}": ${p.issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`);
  return p.cron;
}
