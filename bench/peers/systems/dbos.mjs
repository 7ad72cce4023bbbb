// DBOS Transact: a workflow of n DBOS.runStep no-ops; DBOS checkpoints each step's result in its
// system database before the workflow goes on, and the workflow's end in its status row.
import { DBOS } from "@dbos-inc/dbos-sdk";

export async function open(url) {
  DBOS.setConfig({ name: "planvas-bench", systemDatabaseUrl: url, logLevel: "error" });
  const chain = DBOS.registerWorkflow(
    async (n) => {
      for (let i = 0; i < n; i++) await DBOS.runStep(async () => i, { name: `s${i}` });
      return n;
    },
    { name: "chain" },
  );
  await DBOS.launch();
  return {
    chain: (n) => chain(n),
    burst: (runs, steps) => Promise.all(Array.from({ length: runs }, () => chain(steps))),
    close: () => DBOS.shutdown(),
  };
}
