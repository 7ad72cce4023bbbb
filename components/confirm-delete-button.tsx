"use client";

import { Trash2 } from "lucide-react";
import { toast } from "sonner";
import { ConfirmButton } from "@/components/confirm-button";
import { Button } from "@/components/ui/button";

/**
 * A trash button that asks first. `onConfirm` deletes (and throws to report a failure); the dialog
 * stays open while it runs and a toast reports the outcome.
 */
export function ConfirmDeleteButton({
  name,
  question,
  description,
  onConfirm,
}: {
  name: string;
  question: string;
  description: React.ReactNode;
  onConfirm: () => Promise<void>;
}) {
  async function remove() {
    try {
      await onConfirm();
      toast.success(`Deleted “${name}”`);
    } catch (e) {
      toast.error(`Could not delete “${name}”`, { description: (e as Error).message });
      throw e;
    }
  }

  return (
    <ConfirmButton
      trigger={
        <Button variant="ghost" size="icon" className="size-8 text-muted-foreground hover:text-destructive" aria-label={`Delete “${name}”`}>
          <Trash2 />
        </Button>
      }
      question={question}
      description={description}
      confirmLabel="Delete"
      onConfirm={remove}
    />
  );
}
