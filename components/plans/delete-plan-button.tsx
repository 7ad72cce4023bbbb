"use client";

import { useRouter } from "next/navigation";
import { ConfirmDeleteButton } from "@/components/confirm-delete-button";

/** Deletes a plan with all its versions and runs, after asking. */
export function DeletePlanButton({ plan }: { plan: { id: string; title: string } }) {
  const router = useRouter();
  return (
    <ConfirmDeleteButton
      name={plan.title}
      question="Delete this plan?"
      description={
        <>
          <span className="font-medium text-foreground">{plan.title}</span>, all its versions and all its runs (with their outputs and approval records) are deleted. This
          cannot be undone; export it as JSON first to keep a copy.
        </>
      }
      onConfirm={async () => {
        const res = await fetch(`/api/plans/${plan.id}`, { method: "DELETE" });
        if (!res.ok && res.status !== 404) throw new Error(((await res.json().catch(() => ({}))) as { error?: string }).error ?? `HTTP ${res.status}`);
        router.refresh();
      }}
    />
  );
}
