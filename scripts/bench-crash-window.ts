// npm run bench:crash-window — SIGKILL a production server around a webhook POST's delivery and
// count what the receiver gets: killed while the request is in flight, or 0–50 ms after the
// receiver answered. Reports, per kill point, how often the result was stored before the kill
// ("succeeded"), how often a reviewer has to decide ("unknown"), and any second delivery (the
// figure that must stay 0). Needs a production build (`npm run build`).
import { existsSync } from "node:fs";
import { crashTrial, HookReceiver, type KillPoint } from "../e2e/support/crash-window";
import { AppProcess } from "../e2e/support/server";

if (!existsSync(".next/BUILD_ID")) {
  console.error("bench:crash-window needs a production build: run `npm run build` first");
  process.exit(2);
}
const reps = Number(process.env.REPS ?? 5);
const points: [string, KillPoint][] = [
  ["in flight", { inFlight: true }],
  ...[0, 2, 5, 10, 15, 25, 50].map((ms): [string, KillPoint] => [`${ms} ms after the answer`, { afterAnswerMs: ms }]),
];

const receiver = new HookReceiver();
await receiver.start();
const app = new AppProcess(Number(process.env.PLANVAS_BENCH_PORT ?? 3299), { PLANVAS_ALLOW_PRIVATE_URLS: "1" });
await app.start();
const rows = new Map(points.map(([label]) => [label, { succeeded: 0, unknown: 0, other: 0, twice: 0 }]));
let trial = 0;
try {
  // Interleaved: every kill point once per round, so machine noise spreads over all of them.
  for (let rep = 0; rep < reps; rep++) {
    for (const [label, kill] of points) {
      const r = await crashTrial(app, receiver, `t${trial++}`, kill);
      const row = rows.get(label)!;
      if (r.outcome === "succeeded") row.succeeded++;
      else if (r.outcome === "unknown") row.unknown++;
      else row.other++;
      if (r.deliveries > 1) row.twice++;
    }
  }
} finally {
  await app.kill();
  await receiver.close();
}
console.log(`kill point                 trials  stored  unknown  other  delivered twice`);
for (const [label, r] of rows)
  console.log(
    `${label.padEnd(26)} ${String(reps).padStart(6)}  ${String(r.succeeded).padStart(6)}  ${String(r.unknown).padStart(7)}  ${String(r.other).padStart(5)}  ${String(r.twice).padStart(15)}`,
  );
const twice = [...rows.values()].reduce((n, r) => n + r.twice, 0);
console.log(`\n${trial} trials, ${twice} delivered twice`);
process.exit(twice ? 1 : 0);
