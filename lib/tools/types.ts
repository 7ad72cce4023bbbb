/**
 * What every tool declares about itself. The planner, the canvas and the executor all read this;
 * a tool never knows about Inngest or React. Input/output schemas and `execute` join this shape
 * when the tools gain behaviour.
 */
export interface ToolMeta {
  /** Stable identifier used in plan JSON (`toolName`). */
  name: string;
  /** Short human label for the canvas. */
  title: string;
  /** What the tool does, written for the model as much as for people. */
  description: string;
  /** A lucide icon name (kebab-case); the UI maps it to a component so `lib/` stays React-free. */
  icon: string;
  /** True when the output is published or the call has side effects: approval-gated by default. */
  publishes: boolean;
}
