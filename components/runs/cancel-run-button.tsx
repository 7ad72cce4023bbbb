"use client";

import { Ban } from "lucide-react";
import { ConfirmButton } from "@/components/confirm-button";
import { Button } from "@/components/ui/button";

/** "Cancel run" asks first: cancelling stops every step still waiting or running, and cannot be undone. */
export function CancelRunButton({ onConfirm }: { onConfirm: () => Promise<void> }) {
  return (
    <ConfirmButton
      trigger={
        <Button variant="outline" size="sm">
          <Ban /> Cancel run
        </Button>
      }
      question="Cancel this run?"
      description="Steps that are running or waiting for approval stop and are marked cancelled. Finished steps keep their outputs. This cannot be undone."
      confirmLabel="Cancel run"
      cancelLabel="Keep running"
      onConfirm={onConfirm}
    />
  );
}
