"use client";

import { Loader2, Sparkles } from "lucide-react";
import { useEffect, useState } from "react";
import { plannerModel } from "@/components/plans/api";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { Textarea } from "@/components/ui/textarea";

export type AiMode = "edit" | "goal";

const EDIT_EXAMPLES = [
  "Add a step that translates the post into Spanish before publishing",
  "Remove the image step",
  "Make the post an X thread",
  "Add a summary after the search",
  "Require approval for the outline",
];

interface Props {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onSubmit: (mode: AiMode, text: string) => Promise<boolean>;
}

/** "Ask AI to change this plan" or "plan from a goal into this plan"; the answer is a proposal to review. */
export function AiDialog({ open, onOpenChange, onSubmit }: Props) {
  const [model, setModel] = useState<string | null>(null);
  useEffect(() => {
    if (!open || model) return;
    plannerModel()
      .then((m) => m && setModel(m))
      .catch(() => {});
  }, [open, model]);
  const [mode, setMode] = useState<AiMode>("edit");
  const [text, setText] = useState({ edit: "", goal: "" });
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const value = text[mode].trim();
    if (!value || busy) return;
    setBusy(true);
    try {
      if (await onSubmit(mode, value)) {
        setText((t) => ({ ...t, [mode]: "" }));
        onOpenChange(false);
      }
    } finally {
      setBusy(false);
    }
  };
  const field = (m: AiMode, label: string, placeholder: string) => (
    <div className="flex flex-col gap-2">
      <Label htmlFor={`ai-${m}`}>{label}</Label>
      <Textarea
        id={`ai-${m}`}
        value={text[m]}
        rows={3}
        maxLength={2000}
        placeholder={placeholder}
        onChange={(e) => setText((t) => ({ ...t, [m]: e.target.value }))}
        onKeyDown={(e) => {
          if (e.key === "Enter" && !e.shiftKey) {
            e.preventDefault();
            void submit();
          }
        }}
      />
    </div>
  );
  return (
    <Dialog open={open} onOpenChange={(o) => !busy && onOpenChange(o)}>
      <DialogContent className="sm:max-w-lg">
        <DialogHeader>
          <DialogTitle className="flex items-center gap-2">
            <Sparkles className="size-4 text-violet-500" aria-hidden /> Ask AI
          </DialogTitle>
          <DialogDescription>
            The answer is drawn over the canvas as a proposal: accept or reject each step, or all of it. Nothing changes until you accept.
            {model ? ` Model: ${model}.` : ""}
          </DialogDescription>
        </DialogHeader>
        <Tabs value={mode} onValueChange={(v) => setMode(v as AiMode)}>
          <TabsList>
            <TabsTrigger value="edit">Change this plan</TabsTrigger>
            <TabsTrigger value="goal">Add steps from a goal</TabsTrigger>
          </TabsList>
          <TabsContent value="edit" className="flex flex-col gap-3">
            {field("edit", "What should change?", "Add a step that translates the post into Spanish before publishing")}
            <div className="flex flex-wrap gap-1.5">
              {EDIT_EXAMPLES.map((ex) => (
                <button
                  key={ex}
                  type="button"
                  onClick={() => setText((t) => ({ ...t, edit: ex }))}
                  className="rounded-full border px-2.5 py-1 text-xs text-muted-foreground transition-colors hover:bg-accent hover:text-accent-foreground"
                >
                  {ex}
                </button>
              ))}
            </div>
          </TabsContent>
          <TabsContent value="goal">{field("goal", "Goal", "Research AI trends and write a LinkedIn carousel")}</TabsContent>
        </Tabs>
        <DialogFooter>
          <Button variant="outline" onClick={() => onOpenChange(false)} disabled={busy}>
            Cancel
          </Button>
          <Button onClick={() => void submit()} disabled={busy || !text[mode].trim()}>
            {busy ? <Loader2 className="animate-spin" /> : <Sparkles />} {mode === "edit" ? "Propose changes" : "Propose steps"}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
