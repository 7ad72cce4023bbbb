"use client";

import { Check, Copy } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";

/** A content hash shortened to its first 12 characters; the whole of it is in the title and one click from the clipboard. */
export function CopyHash({ hash, label = "sha-256" }: { hash: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(hash);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      toast.error("Could not copy the hash");
    }
  }
  return (
    <span className="inline-flex min-w-0 items-center gap-1 font-mono text-[11px] text-muted-foreground" data-testid="content-hash">
      <span className="truncate" title={hash}>
        {label} {hash.slice(0, 12)}…
      </span>
      <Button
        variant="ghost"
        size="icon"
        className="size-5 shrink-0"
        aria-label={`Copy ${label} ${hash}`}
        title="Copy the full hash"
        onClick={() => void copy()}
      >
        {copied ? <Check className="size-3" /> : <Copy className="size-3" />}
      </Button>
    </span>
  );
}
