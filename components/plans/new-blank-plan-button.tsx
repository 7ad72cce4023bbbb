"use client";

import { FilePlus } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { clearDraft } from "./draft";

/** Opens /plans/new on a blank canvas: an earlier unsaved import is dropped first. */
export function NewBlankPlanButton() {
  return (
    <Button asChild variant="outline">
      <Link href="/plans/new" onClick={() => clearDraft()}>
        <FilePlus /> New blank plan
      </Link>
    </Button>
  );
}
