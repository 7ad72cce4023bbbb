// The shapes the offline model works with, in a leaf module: the tools' offline behaviours
// (lib/tools/<name>/offline.ts) use them without importing the offline model itself.

/** The step the executor hands the model (its <step> envelope). */
export interface StepBrief {
  toolName?: string;
  description?: string;
  input?: Record<string, unknown>;
}

/** An earlier step's result, as the offline model sees it in the conversation. */
export interface ToolOutputSeen {
  toolName: string;
  output: unknown;
}

export interface EditStep {
  id: string;
  toolName: string;
  description: string;
  requiresApproval: boolean;
  input: Record<string, unknown>;
  dependsOn: string[];
}

export interface EditablePlan {
  title: string;
  steps: EditStep[];
}

/** The offline model's provider id: outputs it wrote are marked "offline" (lib/ai/models.ts modelLabel). */
export const OFFLINE_PROVIDER = "planvas.offline";
