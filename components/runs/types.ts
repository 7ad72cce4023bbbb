import type { RunView } from "@/lib/runs/service";

export type RunData = RunView;
export type RunStepData = RunView["steps"][number];
export type ApprovalData = RunView["approvals"][number];
