// The plan the canvas benchmark opens, shared by the product page (as an import) and the bare
// React Flow floor page (generated inside the page), so both draw exactly the same graph.

/** A plan shaped like real big ones: 25 parallel branches that each run in sequence. */
export function bigPlan(n: number) {
  const width = Math.min(25, Math.max(1, Math.round(n / 40)));
  const tools = ["web_search", "fetch_url", "summarize", "generate_outline", "format_post"];
  return {
    title: `Benchmark plan (${n} steps)`,
    steps: Array.from({ length: n }, (_, i) => ({
      stepIndex: i,
      toolName: tools[i % tools.length]!,
      description: `Step ${i}: do the ${tools[i % tools.length]!.replace("_", " ")} part of branch ${i % width}`,
      requiresApproval: tools[i % tools.length] === "format_post",
      id: `s${i}`,
      dependsOn: i >= width ? [`s${i - width}`] : [],
    })),
  };
}
