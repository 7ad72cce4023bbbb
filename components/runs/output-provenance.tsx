"use client";

import { Cpu, Info } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";

type Obj = Record<string, unknown>;

/** Made by the offline model: text outputs name their model ("offline"), images their renderer. */
export function madeOffline(output: unknown): boolean {
  const o = output as Obj | null;
  return !!o && typeof o === "object" && (o.model === "offline" || (o.provider === "offline" && typeof o.assetId === "string"));
}

export function outputNotes(output: unknown): string[] {
  const notes = (output as Obj | null)?.notes;
  return Array.isArray(notes) ? notes.filter((n): n is string => typeof n === "string") : [];
}

/**
 * The small "offline model" mark on an output, with where a real model is configured (README,
 * "Configuration": OPENAI_API_KEY for OpenAI, OPENAI_BASE_URL for an OpenAI-compatible server).
 */
export function OfflineBadge() {
  return (
    <Tooltip>
      <TooltipTrigger asChild>
        <button type="button" className="rounded-md focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none">
          <Badge variant="outline" className="gap-1 text-muted-foreground" data-testid="offline-badge">
            <Cpu aria-hidden /> offline model
          </Badge>
        </button>
      </TooltipTrigger>
      <TooltipContent side="bottom" className="max-w-80 text-left leading-relaxed" data-testid="offline-badge-help">
        Made by Planvas&apos;s offline model: it quotes the material it found and cannot translate or change the tone. To use a real model, set{" "}
        <code>OPENAI_API_KEY</code> (OpenAI) or <code>OPENAI_BASE_URL</code> for any OpenAI-compatible server — Ollama: <code>http://localhost:11434/v1</code>{" "}
        with <code>PLANVAS_PLANNER_MODEL</code> — and restart. README, “Configuration”.
      </TooltipContent>
    </Tooltip>
  );
}

/** What the model says it could not do, or how it applied a reviewer's feedback. */
export function OutputNotes({ notes }: { notes: string[] }) {
  if (!notes.length) return null;
  return (
    <ul
      className="flex flex-col gap-1 rounded-md border border-status-awaiting/50 bg-status-awaiting/5 p-2 text-xs"
      data-testid="output-notes"
      aria-label="Notes from the model"
    >
      {notes.map((n, i) => (
        <li key={i} className="flex gap-1.5">
          <Info className="mt-0.5 size-3.5 shrink-0 text-status-awaiting" aria-hidden />
          <span>{n}</span>
        </li>
      ))}
    </ul>
  );
}
