"use client";

import { AlertCircle, FileJson, Upload } from "lucide-react";
import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { Textarea } from "@/components/ui/textarea";
import { PLAN_LIMITS, type Plan } from "@/lib/plan/schema";
import type { PlanIssue } from "@/lib/plan/validate";
import { validatePlanText } from "@/lib/plan/validate";
import { cn } from "@/lib/utils";
import { storeDraft } from "./draft";

const EXAMPLE = `{"title":"LinkedIn AI Trends Carousel","steps":[
 {"stepIndex":0,"toolName":"web_search","description":"Search for top 5 AI marketing trends in 2026","requiresApproval":false},
 {"stepIndex":1,"toolName":"generate_outline","description":"Structure a 6-slide carousel outline from search results","requiresApproval":false},
 {"stepIndex":2,"toolName":"format_post","description":"Write the final carousel copy for LinkedIn","requiresApproval":true},
 {"stepIndex":3,"toolName":"generate_image","description":"Generate a hero image matching the carousel theme","requiresApproval":true}]}`;

/**
 * The import limits: larger than the save limits, so an oversized plan can still be opened and cut
 * down on the canvas (the editor refuses to save it until it fits PLAN_LIMITS.maxSteps).
 */
export const IMPORT_LIMITS = { maxSteps: PLAN_LIMITS.maxImportSteps, maxBytes: 5_000_000 } as const;

/**
 * Import a plan from pasted JSON or a file. From the plan list it opens as an unsaved draft on the
 * canvas; inside the editor (`onPlan`) it replaces what is on the canvas, as one undoable edit.
 */
export function ImportDialog({
  trigger,
  onPlan,
  open: controlledOpen,
  onOpenChange,
}: {
  trigger?: React.ReactNode;
  onPlan?: (plan: Plan) => void;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
}) {
  const router = useRouter();
  const [ownOpen, setOwnOpen] = useState(false);
  const open = controlledOpen ?? ownOpen;
  const setOpen = useCallback((o: boolean) => (onOpenChange ? onOpenChange(o) : setOwnOpen(o)), [onOpenChange]);
  const [text, setText] = useState("");
  const [source, setSource] = useState<string | null>(null);
  const [issues, setIssues] = useState<PlanIssue[]>([]);
  const [dragOver, setDragOver] = useState(false);

  const importText = useCallback(
    (json: string) => {
      const r = validatePlanText(json, IMPORT_LIMITS);
      if (!r.ok) {
        setIssues(r.issues);
        return;
      }
      setIssues([]);
      setOpen(false);
      if (onPlan) {
        onPlan(r.plan);
        return;
      }
      storeDraft(r.plan);
      router.push("/plans/new");
    },
    [router, onPlan, setOpen],
  );

  const readFile = useCallback(
    async (file: File | undefined) => {
      if (!file) return;
      const content = await file.text();
      setText(content);
      setSource(file.name);
      importText(content);
    },
    [importText],
  );

  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) setIssues([]);
      }}
    >
      {trigger && <DialogTrigger asChild>{trigger}</DialogTrigger>}
      {/* Grid children default to min-width: auto; a one-line JSON paste would widen the dialog past the screen. */}
      <DialogContent className="max-h-[calc(100dvh-2rem)] overflow-y-auto sm:max-w-2xl [&>*]:min-w-0">
        <DialogHeader>
          <DialogTitle>{onPlan ? "Import into this plan" : "Import a plan"}</DialogTitle>
          <DialogDescription>
            {onPlan
              ? "Paste plan JSON or choose a file. It replaces what is on the canvas (undo with Ctrl+Z); nothing is stored until you save."
              : "Paste plan JSON or choose a file. It opens on the canvas as an unsaved draft; nothing is stored until you save."}{" "}
            Plans over {PLAN_LIMITS.maxSteps} steps open for editing but must be cut down to be saved.
          </DialogDescription>
        </DialogHeader>
        <Tabs defaultValue="paste">
          <TabsList>
            <TabsTrigger value="paste">Paste</TabsTrigger>
            <TabsTrigger value="file">File</TabsTrigger>
          </TabsList>
          <TabsContent value="paste" className="flex min-w-0 flex-col gap-2">
            <div className="flex items-center justify-between">
              <Label htmlFor="plan-json">Plan JSON</Label>
              <Button type="button" variant="link" size="sm" className="h-auto p-0" onClick={() => setText(EXAMPLE)}>
                Use the example plan
              </Button>
            </div>
            <Textarea
              id="plan-json"
              value={text}
              onChange={(e) => {
                setText(e.target.value);
                setSource(null);
                if (issues.length) setIssues([]);
              }}
              onKeyDown={(e) => {
                if ((e.metaKey || e.ctrlKey) && e.key === "Enter") importText(text);
              }}
              placeholder='{"title": "…", "steps": [{"stepIndex": 0, "toolName": "web_search", "description": "…", "requiresApproval": false}]}'
              className="field-sizing-fixed h-64 min-w-0 resize-none overflow-auto font-mono text-xs break-all"
              spellCheck={false}
            />
          </TabsContent>
          <TabsContent value="file">
            <label
              onDragOver={(e) => {
                e.preventDefault();
                setDragOver(true);
              }}
              onDragLeave={() => setDragOver(false)}
              onDrop={(e) => {
                e.preventDefault();
                setDragOver(false);
                void readFile(e.dataTransfer.files[0]);
              }}
              className={cn(
                "flex h-64 cursor-pointer flex-col items-center justify-center gap-2 rounded-md border-2 border-dashed text-sm text-muted-foreground transition-colors",
                dragOver && "border-primary bg-primary/5",
              )}
            >
              <Upload className="size-6" aria-hidden />
              <span>Drop a .json file here, or click to choose one</span>
              {source && (
                <span className="flex items-center gap-1 font-mono text-xs text-foreground">
                  <FileJson className="size-3.5" aria-hidden /> {source}
                </span>
              )}
              <input
                type="file"
                accept=".json,application/json"
                className="sr-only"
                data-testid="import-file"
                onChange={(e) => void readFile(e.target.files?.[0])}
              />
            </label>
          </TabsContent>
        </Tabs>
        {issues.length > 0 && (
          <div
            role="alert"
            className="max-h-40 overflow-y-auto rounded-md border border-destructive/50 bg-destructive/5 p-3 text-sm"
            data-testid="import-issues"
          >
            <p className="mb-1 flex items-center gap-1.5 font-medium text-destructive">
              <AlertCircle className="size-4" aria-hidden /> {issues.length === 1 ? "1 problem" : `${issues.length} problems`} in this plan
            </p>
            <ul className="flex flex-col gap-0.5">
              {issues.map((i, k) => (
                <li key={k}>
                  <code className="font-mono text-xs break-all">{i.path}</code>: <span className="break-words">{i.message}</span>
                </li>
              ))}
            </ul>
          </div>
        )}
        <DialogFooter>
          <Button variant="outline" onClick={() => setOpen(false)}>
            Cancel
          </Button>
          <Button onClick={() => importText(text)} disabled={!text.trim()}>
            Open on canvas
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
