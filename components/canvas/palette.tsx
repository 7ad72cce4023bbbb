"use client";

import { Search, ShieldCheck } from "lucide-react";
import { memo, useMemo, useState } from "react";
import { Input } from "@/components/ui/input";
import { catalog, type ToolCatalog } from "@/lib/tools/catalog";
import { cn } from "@/lib/utils";
import { ToolIcon } from "./tool-icon";

/** The drag payload type for a tool dropped on the canvas. */
export const TOOL_MIME = "application/x-planvas-tool";

/** The tools, searchable: drag one onto the canvas, or click to add it after the selected step. */
export const Palette = memo(function Palette({
  onAdd,
  disabled,
  anchorLabel,
  tools = catalog,
}: {
  onAdd: (toolName: string) => void;
  disabled?: boolean;
  anchorLabel?: string;
  tools?: ToolCatalog;
}) {
  const [query, setQuery] = useState("");
  const shown = useMemo(() => tools.search(query), [tools, query]);
  return (
    <aside
      className="order-last flex w-full shrink-0 flex-col border-t bg-background md:order-none md:w-60 md:border-t-0 md:border-r"
      aria-label="Tool palette"
      data-testid="palette"
    >
      <div className="flex flex-col gap-2 border-b p-3">
        <h2 className="text-sm font-semibold">Tools</h2>
        <div className="relative">
          <Search className="pointer-events-none absolute top-2 left-2 size-4 text-muted-foreground" aria-hidden />
          <Input aria-label="Search tools" placeholder="Search tools" value={query} onChange={(e) => setQuery(e.target.value)} className="h-8 pl-8" />
        </div>
        <p className="text-xs text-muted-foreground">
          {anchorLabel ? `Click to add after ${anchorLabel}, or drag onto the canvas.` : "Click to add at the end, or drag onto the canvas."}
        </p>
      </div>
      <ul className="flex min-h-0 flex-1 flex-col gap-1 overflow-y-auto p-2">
        {shown.map((t) => (
          <li key={t.name}>
            <button
              type="button"
              draggable={!disabled}
              disabled={disabled}
              data-testid="palette-tool"
              data-tool={t.name}
              onDragStart={(e) => {
                e.dataTransfer.setData(TOOL_MIME, t.name);
                e.dataTransfer.effectAllowed = "copy";
              }}
              onClick={() => onAdd(t.name)}
              className={cn(
                "flex w-full cursor-grab items-start gap-2.5 rounded-md border border-transparent p-2 text-left transition-colors hover:border-border hover:bg-accent active:cursor-grabbing disabled:cursor-not-allowed disabled:opacity-50",
              )}
              title={t.description}
            >
              <span className="flex size-7 shrink-0 items-center justify-center rounded-md bg-primary/10 text-primary">
                <ToolIcon name={t.icon} className="size-4" />
              </span>
              <span className="flex min-w-0 flex-col gap-0.5">
                <span className="flex items-center gap-1 text-sm font-medium">
                  {t.title}
                  {t.publishes && <ShieldCheck className="size-3.5 text-approval" aria-label="approval-gated by default" />}
                </span>
                <span className="line-clamp-2 text-xs text-muted-foreground">{t.description}</span>
              </span>
            </button>
          </li>
        ))}
        {shown.length === 0 && <li className="p-3 text-center text-sm text-muted-foreground">No tool matches “{query}”.</li>}
      </ul>
    </aside>
  );
});
