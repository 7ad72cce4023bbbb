"use client";

import { useRouter } from "next/navigation";
import { ConfirmDeleteButton } from "@/components/confirm-delete-button";
import { deletePlan } from "./api";

/** Deletes a plan with all its versions and runs, after asking. */
export function DeletePlanButton({ plan }: { plan: { id: string; title: string } }) {
  const router = useRouter();
  return (
    <ConfirmDeleteButton
      name={plan.title}
      question="Delete this plan?"
      description={
        <>
          <span className="font-medium text-foreground">{plan.title}</span>, all its versions and all its runs (with their outputs and approval records) are
          deleted. This cannot be undone; export it as JSON first to keep a copy.
        </>
      }
      onConfirm={async () => {
        await deletePlan(plan.id);
        router.refresh();
      }}
    />
  );
}
