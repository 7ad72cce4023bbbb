// Server messages carry exact ISO timestamps ("…decided at 2026-12-01T19:20:03.512Z"), which is
// right for the API and the CLI and unreadable in a notification.

const ISO = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})\b/g;

const formatter = (timeZone?: string) => new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", ...(timeZone ? { timeZone } : {}) });

/** The text with each ISO timestamp as a date and time in the viewer's zone ("Dec 1, 2026, 8:20 PM"). */
export function readableTimes(text: string, timeZone?: string): string {
  const f = formatter(timeZone);
  return text.replace(ISO, (iso) => {
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? iso : f.format(d);
  });
}
