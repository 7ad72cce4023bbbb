"use client";

import { AlertCircle, Cpu, Sparkles } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/textarea";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";

/** Longest goal the planner takes (/plans/new cuts a longer one). */
export const GOAL_MAX = 2000;
/** The counter appears from here on, so it is there before the box stops taking text. */
const COUNTER_FROM = Math.floor(GOAL_MAX * 0.8);

const fmt = (n: number) => n.toLocaleString("en-US");

const EXAMPLES = [
  "Research AI trends and write a LinkedIn carousel",
  "Write a blog post about remote work productivity with a hero image",
  "Look up what people say about the four-day work week and write an X post with my take",
];

/** Why the planner refused a goal, shown under the box until the goal is changed. */
export interface GoalProblem {
  goal: string;
  message: string;
  hint?: string;
}

/**
 * The home page's "goal → plan" box. Planning happens on the next page, streamed onto a canvas;
 * a goal the planner refused comes back to this box with the reason (`problem`).
 */
export function GoalForm({ model, problem }: { model?: { provider: string; description: string }; problem?: GoalProblem }) {
  const router = useRouter();
  const [goal, setGoal] = useState(problem?.goal ?? "");
  const showProblem = problem && goal.trim() === problem.goal.trim();
  const describedBy = [showProblem ? "goal-problem" : "", goal.length >= COUNTER_FROM ? "goal-counter" : ""].filter(Boolean).join(" ") || undefined;
  const go = (g: string) => {
    const text = g.trim();
    if (text) router.push(`/plans/new?goal=${encodeURIComponent(text)}`);
  };
  return (
    <form
      className="flex flex-col gap-3 rounded-lg border bg-card p-4 shadow-xs"
      onSubmit={(e) => {
        e.preventDefault();
        go(goal);
      }}
    >
      <div className="flex items-center justify-between gap-2">
        <label htmlFor="goal" className="font-medium">
          What do you want to get done?
        </label>
        {model && (
          <Tooltip>
            <TooltipTrigger asChild>
              <Badge variant={model.provider === "offline" ? "secondary" : "outline"} className="gap-1" data-testid="model-badge">
                <Cpu className="size-3" aria-hidden />
                {model.provider === "offline" ? "Offline model" : model.provider === "openai" ? "OpenAI" : "OpenAI-compatible"}
              </Badge>
            </TooltipTrigger>
            <TooltipContent className="max-w-xs">{model.description}</TooltipContent>
          </Tooltip>
        )}
      </div>
      <Textarea
        id="goal"
        value={goal}
        onChange={(e) => setGoal(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && !e.shiftKey) {
            e.preventDefault();
            go(goal);
          }
        }}
        placeholder="Research AI trends and write a LinkedIn carousel"
        rows={2}
        maxLength={GOAL_MAX}
        aria-describedby={describedBy}
        aria-invalid={showProblem || undefined}
        autoFocus={!!problem}
        className="resize-none"
      />
      {showProblem && (
        <div id="goal-problem" role="alert" data-testid="goal-problem" className="-mt-1 flex items-start gap-2 text-sm text-destructive">
          <AlertCircle className="mt-0.5 size-4 shrink-0" aria-hidden />
          <p>
            <span className="font-medium">Nothing to plan: {problem.message.replace(/^nothing to plan in “[^”]*”:?\s*/, "") || "the goal names no task."}</span>
            {problem.hint && (
              <span className="block text-muted-foreground">A plannable goal should {problem.hint.replace(/^has nothing a tool can do;\s*/, "")}.</span>
            )}
          </p>
        </div>
      )}
      {goal.length >= COUNTER_FROM && (
        <p
          id="goal-counter"
          data-testid="goal-counter"
          aria-live="polite"
          className={`-mt-1 text-right text-xs tabular-nums ${goal.length >= GOAL_MAX ? "text-destructive" : "text-muted-foreground"}`}
        >
          {goal.length >= GOAL_MAX ? `Limit reached: a goal can be at most ${fmt(GOAL_MAX)} characters. ` : ""}
          {fmt(goal.length)} / {fmt(GOAL_MAX)}
        </p>
      )}
      <div className="flex flex-wrap items-center gap-2">
        {EXAMPLES.map((ex) => (
          <button
            key={ex}
            type="button"
            onClick={() => setGoal(ex)}
            className="rounded-full border px-2.5 py-1 text-xs text-muted-foreground transition-colors hover:bg-accent hover:text-accent-foreground"
          >
            {ex}
          </button>
        ))}
        <Button type="submit" className="ml-auto" disabled={!goal.trim()}>
          <Sparkles /> Plan it
        </Button>
      </div>
    </form>
  );
}
