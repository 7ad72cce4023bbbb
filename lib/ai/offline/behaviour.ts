// What a tool tells the offline model about itself, where that is tool-specific: each tool's folder
// has an `offline.ts` exporting one of these (lib/tools/<name>/offline.ts), attached to the tool's
// server definition. The offline model's generic parts (plan-edit.ts, tool-args.ts) read them;
// nothing in lib/ai/offline names a tool for these behaviours.
import type { JSONSchema7 } from "@ai-sdk/provider";
import type { TaskEnvelope } from "../envelope";
import type { EditablePlan, EditStep, StepBrief, ToolOutputSeen } from "./types";

/** "add …" in a plan-edit instruction, as the tool's `newStep` sees it. */
export interface NewStepRequest {
  /** The phrase as written ("a step that translates the post into Spanish"). */
  what: string;
  /** `what`, lower-cased. */
  w: string;
  /** A description made of the phrase ("Translate the post into Spanish"). */
  description: string;
  /** What the plan is about, from its steps' inputs. */
  topic: string;
  /** A count the phrase names ("a 5-slide outline" → 5). */
  count?: number;
  /** The step the new one goes before or after, if the instruction names one. */
  near?: EditStep;
  /** The plan as it is. */
  plan: EditablePlan;
}

export interface ArgumentRequest {
  prop: JSONSchema7;
  step: StepBrief;
  goal: string;
  outputs: ToolOutputSeen[];
}

export interface OfflineToolBehaviour {
  /** The tool in a sentence: "Added search step …". */
  word: string;
  /** Words that name the tool in an instruction ("the image step", "a summary"). */
  aliases?: RegExp;
  /** The writing task the tool hands the text model (its <task> envelope's kind), if it writes. */
  writesTask?: TaskEnvelope["kind"];
  /** The tool writes a plan's final copy: "before publishing" goes right after its last step (when nothing is delivered). */
  writesFinalCopy?: boolean;
  /** True when a new step for this phrase belongs to this tool whatever its words (a translation → format_post). */
  claims?(req: NewStepRequest): boolean;
  /** The input and description of a new step; undefined: this tool cannot make one from the phrase. */
  newStep?(req: NewStepRequest): { input: Record<string, unknown>; description: string } | undefined;
  /** "make the <step> …": the input changes the phrase asks for, in order (undefined values change nothing). */
  change?(spec: string, input: Record<string, unknown>): [key: string, value: unknown][];
  /** The step's description after its input changed (default: unchanged). */
  describe?(input: Record<string, unknown>, fallback: string): string;
  /** A value for one argument of a call, before the generic rules (undefined: use those; `{ value: undefined }`: leave it out). */
  argument?(name: string, req: ArgumentRequest): { value: unknown } | undefined;
  /** An optional argument the offline executor fills anyway for these static inputs. */
  fillsOptional?(name: string, input: Record<string, unknown>): boolean;
}
