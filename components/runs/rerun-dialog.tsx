"use client";

import { AlertTriangle, Recycle, RotateCcw } from "lucide-react";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import type { Plan } from "@/lib/plan/schema";
import { stepHasSideEffects } from "@/lib/tools/catalog";
import { useIdempotencyKey } from "./use-idempotency-key";

/** The step and every step that depends on it (what a rerun from it executes again). */
function downstream(plan: Plan, from: string): Set<string> {
  const out = new Set([from]);
  for (let grew = true; grew;) {
    grew = false;
    for (const s of plan.steps) if (!out.has(s.id) && s.dependsOn.some((d) => out.has(d))) grew = !!out.add(s.id);
  }
  return out;
}

/**
 * Rerun from a step: shows what will be reused and what runs again; every step with side effects
 * that would run again needs its own confirmation.
 */
export function RerunDialog({ runId, plan, fromStep }: { runId: string; plan: Plan; fromStep: string }) {
  const router = useRouter();
  const again = useMemo(() => downstream(plan, fromStep), [plan, fromStep]);
  const risky = plan.steps.filter((s) => again.has(s.id) && stepHasSideEffects(s.toolName, s.input));
  const [confirmed, setConfirmed] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const key = useIdempotencyKey();

  async function rerun() {
    setBusy(true);
    try {
      const res = await fetch(`/api/runs/${runId}/rerun`, {
        method: "POST",
        headers: { "content-type": "application/json", "idempotency-key": key.current() },
        body: JSON.stringify({ fromStep, confirmSideEffects: [...confirmed] }),
      });
      key.settle();
      const body = (await res.json().catch(() => ({}))) as { runId?: string; error?: string };
      if (res.ok && body.runId) {
        toast.success(`Rerunning from ${fromStep}`);
        router.push(`/runs/${body.runId}`);
      } else toast.error("Could not rerun", { description: body.error ?? `HTTP ${res.status}` });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog>
      <DialogTrigger asChild>
        <Button size="sm" variant="outline">
          <RotateCcw /> Rerun from here
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Rerun from “{fromStep}”</DialogTitle>
          <DialogDescription>A new run of the same plan version. Steps before this one reuse their outputs.</DialogDescription>
        </DialogHeader>
        <ul className="flex flex-col gap-1 text-sm" data-testid="rerun-plan">
          {plan.steps.map((s) => (
            <li key={s.id} className="flex items-center gap-2">
              {again.has(s.id) ? (
                <RotateCcw className="size-3.5 text-status-running" aria-hidden />
              ) : (
                <Recycle className="size-3.5 text-muted-foreground" aria-hidden />
              )}
              <span className={again.has(s.id) ? "" : "text-muted-foreground"}>
                {s.stepIndex}. {s.id}
              </span>
              <span className="text-xs text-muted-foreground">{again.has(s.id) ? "runs again" : "reused"}</span>
            </li>
          ))}
        </ul>
        {risky.length > 0 && (
          <div className="flex flex-col gap-2 rounded-md border border-status-awaiting/60 bg-status-awaiting/5 p-3 text-sm">
            <p className="flex items-center gap-1.5 font-medium">
              <AlertTriangle className="size-4 text-status-awaiting" aria-hidden /> These steps have side effects and would run again:
            </p>
            {risky.map((s) => (
              <label key={s.id} className="flex items-center gap-2">
                <input
                  type="checkbox"
                  checked={confirmed.has(s.id)}
                  onChange={(e) =>
                    setConfirmed((prev) => {
                      const next = new Set(prev);
                      if (e.target.checked) next.add(s.id);
                      else next.delete(s.id);
                      return next;
                    })
                  }
                />
                Run “{s.id}” again ({String(s.input.method ?? "")} {String(s.input.url ?? "")})
              </label>
            ))}
          </div>
        )}
        <DialogFooter>
          <Button onClick={() => void rerun()} disabled={busy || risky.some((s) => !confirmed.has(s.id))}>
            <RotateCcw /> Start the rerun
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
