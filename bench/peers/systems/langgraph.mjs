// LangGraph JS with PostgresSaver: a StateGraph of n nodes chained, durability "sync" (the
// checkpoint after each node is written before the next node runs).
import { randomUUID } from "node:crypto";
import { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import { Annotation, END, START, StateGraph } from "@langchain/langgraph";

const State = Annotation.Root({ i: Annotation() });

export async function open(url) {
  const checkpointer = PostgresSaver.fromConnString(url);
  await checkpointer.setup();
  const graphs = new Map();
  const graphOf = (n) => {
    let g = graphs.get(n);
    if (!g) {
      let b = new StateGraph(State);
      for (let k = 0; k < n; k++) b = b.addNode(`s${k}`, (s) => ({ i: s.i + 1 }));
      b = b.addEdge(START, "s0");
      for (let k = 1; k < n; k++) b = b.addEdge(`s${k - 1}`, `s${k}`);
      g = b.addEdge(`s${n - 1}`, END).compile({ checkpointer });
      graphs.set(n, g);
    }
    return g;
  };
  const run = async (n) => {
    const out = await graphOf(n).invoke({ i: 0 }, { configurable: { thread_id: randomUUID() }, durability: "sync" });
    if (out.i !== n) throw new Error(`langgraph: ${out.i} of ${n} nodes ran`);
  };
  return {
    chain: (n) => run(n),
    burst: (runs, steps) => Promise.all(Array.from({ length: runs }, () => run(steps))),
    close: () => checkpointer.end(),
  };
}
