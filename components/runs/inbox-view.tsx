"use client";

import { Check, ExternalLink, Inbox } from "lucide-react";
import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import { toast } from "sonner";
import { ToolIcon } from "@/components/canvas/tool-icon";
import { RelativeTime } from "@/components/plans/relative-time";
import { Button } from "@/components/ui/button";
import type { listAwaitingApproval } from "@/lib/runs/service";
import { readableTimes } from "@/components/readable-times";
import { getTool } from "@/lib/tools/catalog";
import { onInboxChanged, signalInboxChanged } from "./inbox-signal";
import { StepOutput } from "./step-output";

type Item = Awaited<ReturnType<typeof listAwaitingApproval>>[number];

/** Every step waiting for a decision, across runs, with a quick approve and a way to the node. */
export function InboxView({ initial }: { initial: Item[] }) {
  const [items, setItems] = useState(initial);
  const load = useCallback(async () => {
    const res = await fetch("/api/inbox", { cache: "no-store" });
    if (res.ok) setItems(((await res.json()) as { items: Item[] }).items);
  }, []);
  useEffect(() => {
    const t = setInterval(() => void load(), 4000);
    const off = onInboxChanged(() => void load());
    return () => {
      clearInterval(t);
      off();
    };
  }, [load]);

  async function approve(i: Item) {
    const res = await fetch(`/api/runs/${i.runId}/steps/${encodeURIComponent(i.stepId)}/decision`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ decision: "approve", contentHash: i.contentHash }),
    });
    const body = (await res.json().catch(() => ({}))) as { error?: string; gate?: { final: boolean; label: string } };
    signalInboxChanged();
    if (res.ok) toast.success(`Approved ${i.stepId} in “${i.planTitle}”${body.gate && !body.gate.final ? ` — ${body.gate.label}, waiting for more` : ""}`);
    else toast.error("Not approved", { description: body.error && readableTimes(body.error) });
  }

  return (
    <div className="mx-auto flex w-full max-w-4xl flex-col gap-4 p-4 sm:p-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Approval inbox</h1>
        <p className="text-sm text-muted-foreground">Steps waiting for a decision you may make, newest first. Open one to edit or reject it on its canvas.</p>
      </div>
      {items.length === 0 ? (
        <div className="flex flex-col items-center gap-2 rounded-lg border border-dashed p-12 text-center" data-testid="inbox-empty">
          <Inbox className="size-8 text-muted-foreground" aria-hidden />
          <p className="font-medium">Nothing waits for you</p>
          <p className="text-sm text-muted-foreground">When a run reaches an approval gate, the step shows up here.</p>
        </div>
      ) : (
        <ul className="flex flex-col gap-3" data-testid="inbox-list">
          {items.map((i) => (
            <li key={`${i.runId}:${i.stepId}:${i.revision}`} className="flex flex-col gap-2 rounded-lg border p-3" data-testid="inbox-item">
              <div className="flex items-center gap-2">
                <ToolIcon name={getTool(i.toolName)?.icon} className="size-4 shrink-0 text-primary" />
                <div className="flex min-w-0 flex-col">
                  <p className="truncate text-sm" data-testid="inbox-item-where">
                    <Link href={`/plans/${i.planId}`} className="font-medium hover:underline">
                      {i.planTitle}
                    </Link>
                    <span className="text-muted-foreground"> · </span>
                    <Link href={`/runs/${i.runId}`} className="font-mono text-muted-foreground hover:underline" title={`run ${i.runId}`}>
                      run {i.runId.slice(0, 8)}
                    </Link>
                    <span className="text-muted-foreground"> · </span>
                    <Link href={`/runs/${i.runId}?step=${encodeURIComponent(i.stepId)}`} className="hover:underline" title={`step ${i.stepId}`}>
                      step {i.stepIndex} {getTool(i.toolName)?.title ?? i.toolName}
                    </Link>
                  </p>
                  <span className="text-xs text-muted-foreground">
                    {i.delivery === "unknown" ? "delivery unknown" : i.gate === "before" ? "before it runs" : "output"} · waiting{" "}
                    <RelativeTime iso={i.waitingSince} />
                    {i.approval.quorum > 1 && <span data-testid="inbox-gate-progress"> · {i.approval.label}</span>}
                    {i.approval.notInitiator && <span> · four-eyes</span>}
                  </span>
                </div>
                <div className="ml-auto flex shrink-0 gap-2">
                  <Button size="sm" variant="outline" asChild>
                    <Link href={`/runs/${i.runId}?step=${encodeURIComponent(i.stepId)}`}>
                      <ExternalLink /> Open
                    </Link>
                  </Button>
                  {i.delivery !== "unknown" && (
                    <Button size="sm" onClick={() => void approve(i)}>
                      <Check /> Approve
                    </Button>
                  )}
                </div>
              </div>
              <div className="max-h-48 overflow-hidden rounded-md bg-muted/30 p-2">
                {i.gate === "before" || i.delivery === "unknown" ? (
                  <pre className="font-mono text-xs break-all whitespace-pre-wrap">{JSON.stringify(i.input, null, 2)}</pre>
                ) : (
                  <StepOutput toolName={i.toolName} output={i.output} />
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
