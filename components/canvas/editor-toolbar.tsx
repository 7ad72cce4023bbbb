"use client";

import {
  AlertCircle,
  ArrowDown,
  Braces,
  ArrowRight,
  ChevronDown,
  Download,
  FileJson,
  FileUp,
  Image as ImageIcon,
  Keyboard,
  LayoutGrid,
  Loader2,
  Magnet,
  MoreHorizontal,
  History,
  Play,
  Redo2,
  Save,
  Sparkles,
  Undo2,
  Webhook as WebhookIcon,
  CalendarClock,
} from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { ApiError, startRun } from "@/components/plans/api";
import { RelativeTime } from "@/components/plans/relative-time";
import { PlanRunsSheet } from "@/components/runs/plan-runs-sheet";
import { useIdempotencyKey } from "@/components/runs/use-idempotency-key";
import { WebhooksSheet } from "@/components/webhooks/webhooks-sheet";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuCheckboxItem,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { Input } from "@/components/ui/input";
import { Separator } from "@/components/ui/separator";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";
import { cn } from "@/lib/utils";
import { useEditor, useEditorStore } from "./editor-context";
import { isDirty, isReviewing } from "./editor-store";
import type { EditorCommands } from "./use-editor-commands";
import { SchedulesSheet } from "@/components/schedules/schedules-sheet";
import { VersionsSheet } from "./versions-sheet";

interface Props {
  commands: EditorCommands;
  /** The version the page loaded, and when it was saved. */
  loadedVersion: number | null;
  savedAt?: string | null;
}

/** Above the canvas: the title, the save state, and every command that is not on a node. */
export function EditorToolbar({ commands, loadedVersion, savedAt }: Props) {
  const store = useEditorStore();
  const { setTitle, undo, redo, setPanel, toggleSnap } = store.getState();
  const title = useEditor((s) => s.doc.plan.title);
  const planId = useEditor((s) => s.planId);
  const version = useEditor((s) => s.version);
  const dirty = useEditor(isDirty);
  const reviewing = useEditor(isReviewing);
  const canUndo = useEditor((s) => s.past.length > 0);
  const canRedo = useEditor((s) => s.future.length > 0);
  const snap = useEditor((s) => s.snap);
  const issuesOpen = useEditor((s) => s.panels.issues);
  const versionsOpen = useEditor((s) => s.panels.versions);
  const check = useEditor((s) => s.check);
  const saving = useEditor((s) => s.saving);
  const hasSteps = useEditor((s) => s.doc.plan.steps.length > 0);
  const [runsOpen, setRunsOpen] = useState(false);
  const [webhooksOpen, setWebhooksOpen] = useState(false);
  const [schedulesOpen, setSchedulesOpen] = useState(false);

  return (
    // Below the xl breakpoint the secondary commands fold into "More": a phone gets two rows, not three.
    <div className="flex flex-wrap items-center gap-2 border-b px-3 py-2" role="toolbar" aria-label="Plan editor">
      <Input
        aria-label="Plan title"
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        className="h-8 w-0 min-w-0 flex-1 font-medium sm:w-64 sm:flex-none"
      />
      {version ? (
        <Badge variant="secondary" data-testid="plan-version">
          v{version}
        </Badge>
      ) : (
        <Badge variant="outline">Unsaved draft</Badge>
      )}
      <span data-testid="dirty-indicator" className={cn("text-xs", dirty ? "font-medium text-foreground" : "text-muted-foreground")} aria-live="polite">
        {dirty ? (
          "● Unsaved changes"
        ) : savedAt && version === loadedVersion ? (
          <>
            Saved <RelativeTime iso={savedAt} />
          </>
        ) : (
          "All changes saved"
        )}
      </span>
      <div className="ml-auto flex flex-wrap items-center gap-1">
        <ToolButton label="Undo" hint="Undo (Ctrl+Z)" onClick={undo} disabled={!canUndo}>
          <Undo2 />
        </ToolButton>
        <ToolButton label="Redo" hint="Redo (Shift+Ctrl+Z)" onClick={redo} disabled={!canRedo}>
          <Redo2 />
        </ToolButton>
        <Separator orientation="vertical" className="mx-1 !h-5" />
        <Button variant="ghost" size="sm" onClick={() => setPanel("ai", true)} disabled={reviewing}>
          <Sparkles className="text-violet-500" /> <span className="sr-only sm:not-sr-only">Ask AI</span>
        </Button>
        <div className="hidden items-center gap-1 xl:flex">
          <DropdownMenu>
            <DropdownMenuTrigger asChild>
              <Button variant="ghost" size="sm" disabled={reviewing}>
                <LayoutGrid /> Auto-layout <ChevronDown className="size-3 opacity-60" />
              </Button>
            </DropdownMenuTrigger>
            <DropdownMenuContent align="end">
              <DropdownMenuItem onSelect={() => commands.autoLayout("TB")}>
                <ArrowDown /> Top-down
              </DropdownMenuItem>
              <DropdownMenuItem onSelect={() => commands.autoLayout("LR")}>
                <ArrowRight /> Left-right
              </DropdownMenuItem>
            </DropdownMenuContent>
          </DropdownMenu>
          <ToolButton label="Snap to grid" hint={snap ? "Snap to grid: on" : "Snap to grid: off"} onClick={toggleSnap} pressed={snap}>
            <Magnet />
          </ToolButton>
          <Button variant="ghost" size="sm" onClick={() => setPanel("issues", !issuesOpen)} aria-pressed={issuesOpen} data-testid="issues-button">
            <AlertCircle className={check.errors ? "text-destructive" : undefined} /> Issues
            {check.issues.length > 0 && (
              <span
                className={cn("rounded-full px-1.5 text-xs font-semibold", check.errors ? "bg-destructive text-white" : "bg-approval text-approval-foreground")}
                data-testid="issue-count"
              >
                {check.issues.length}
              </span>
            )}
          </Button>
          <Separator orientation="vertical" className="mx-1 !h-5" />
        </div>
        {planId && (
          <VersionsSheet
            triggerClassName="hidden xl:inline-flex"
            planId={planId}
            open={versionsOpen}
            onOpenChange={(o) => setPanel("versions", o)}
            current={version}
            canvasPlan={commands.canvasPlan}
            onRestore={commands.restoreVersion}
            onStepClick={commands.focusStep}
          />
        )}
        {planId && <PlanRunsSheet planId={planId} open={runsOpen} onOpenChange={setRunsOpen} triggerClassName="hidden xl:inline-flex" />}
        {planId && (
          <WebhooksSheet
            target={{ kind: "plan", id: planId, version: version ?? undefined }}
            name={title}
            open={webhooksOpen}
            onOpenChange={setWebhooksOpen}
            triggerClassName="hidden 2xl:inline-flex"
            compact
          />
        )}
        {planId && (
          <SchedulesSheet
            target={{ kind: "plan", planId, version }}
            name={title}
            open={schedulesOpen}
            onOpenChange={setSchedulesOpen}
            triggerClassName="hidden xl:inline-flex"
            compact
          />
        )}
        <div className="hidden items-center gap-1 xl:flex">
          {/* Its own button only where the row has room (one more button wraps the toolbar at xl); else in Export. */}
          <span className="hidden 2xl:contents">
            <ToolButton
              label="Save as template"
              hint="Publish this plan as a template, with its parameters"
              onClick={() => setPanel("template", true)}
              disabled={reviewing}
            >
              <Braces />
            </ToolButton>
          </span>
          <ToolButton label="Import" hint="Import plan JSON into the canvas" onClick={() => setPanel("import", true)} disabled={reviewing}>
            <FileUp />
          </ToolButton>
          <DropdownMenu>
            <DropdownMenuTrigger asChild>
              <Button variant="outline" size="sm">
                <Download /> Export <ChevronDown className="size-3 opacity-60" />
              </Button>
            </DropdownMenuTrigger>
            <DropdownMenuContent align="end">
              <DropdownMenuLabel className="text-xs text-muted-foreground">Download the plan as</DropdownMenuLabel>
              <DropdownMenuItem onSelect={commands.exportJson}>
                <FileJson /> JSON
              </DropdownMenuItem>
              <DropdownMenuSeparator />
              <DropdownMenuItem onSelect={() => void commands.exportImage("png")}>
                <ImageIcon /> PNG image
              </DropdownMenuItem>
              <DropdownMenuItem onSelect={() => void commands.exportImage("svg")}>
                <ImageIcon /> SVG image
              </DropdownMenuItem>
              <DropdownMenuSeparator />
              <DropdownMenuItem disabled={reviewing} onSelect={() => setPanel("template", true)}>
                <Braces /> Save as template…
              </DropdownMenuItem>
              {planId && (
                <DropdownMenuItem className="2xl:hidden" onSelect={() => setWebhooksOpen(true)}>
                  <WebhookIcon /> Webhooks…
                </DropdownMenuItem>
              )}
            </DropdownMenuContent>
          </DropdownMenu>
        </div>
        <Tooltip>
          <TooltipTrigger asChild>
            <span tabIndex={!check.ok ? 0 : -1}>
              <Button size="sm" onClick={commands.save} disabled={saving || (!dirty && planId !== null) || !check.ok || reviewing}>
                {saving ? <Loader2 className="animate-spin" /> : <Save />} Save
              </Button>
            </span>
          </TooltipTrigger>
          <TooltipContent>
            {!check.ok
              ? `Fix ${check.errors} problem${check.errors === 1 ? "" : "s"} to save`
              : reviewing
                ? "Finish reviewing the proposal first"
                : "Save as a new version (Ctrl+S)"}
          </TooltipContent>
        </Tooltip>
        <RunButton planId={planId} version={version} canRun={!!planId && !dirty && check.ok && hasSteps} invalid={!check.ok} needsSave={dirty || !planId} />
        <span className="hidden xl:contents">
          <ToolButton label="Keyboard shortcuts" hint="Keyboard shortcuts (?)" onClick={() => setPanel("shortcuts", true)}>
            <Keyboard />
          </ToolButton>
        </span>
        <DropdownMenu>
          <DropdownMenuTrigger asChild>
            <Button variant="ghost" size="icon" className="size-8 xl:hidden" aria-label="More commands" data-testid="toolbar-more">
              <MoreHorizontal />
              {check.issues.length > 0 && (
                <span className={cn("absolute top-0.5 right-0.5 size-2 rounded-full", check.errors ? "bg-destructive" : "bg-approval")} aria-hidden />
              )}
            </Button>
          </DropdownMenuTrigger>
          <DropdownMenuContent align="end" className="w-56">
            <DropdownMenuLabel className="text-xs text-muted-foreground">Auto-layout</DropdownMenuLabel>
            <DropdownMenuItem disabled={reviewing} onSelect={() => commands.autoLayout("TB")}>
              <ArrowDown /> Top-down
            </DropdownMenuItem>
            <DropdownMenuItem disabled={reviewing} onSelect={() => commands.autoLayout("LR")}>
              <ArrowRight /> Left-right
            </DropdownMenuItem>
            <DropdownMenuCheckboxItem checked={snap} onCheckedChange={toggleSnap}>
              Snap to grid
            </DropdownMenuCheckboxItem>
            <DropdownMenuSeparator />
            <DropdownMenuItem onSelect={() => setPanel("issues", !issuesOpen)}>
              <AlertCircle className={check.errors ? "text-destructive" : undefined} /> Issues{check.issues.length > 0 ? ` (${check.issues.length})` : ""}
            </DropdownMenuItem>
            {planId && (
              <DropdownMenuItem onSelect={() => setPanel("versions", true)}>
                <History /> Versions
              </DropdownMenuItem>
            )}
            {planId && (
              <DropdownMenuItem onSelect={() => setRunsOpen(true)}>
                <History /> Runs of this plan
              </DropdownMenuItem>
            )}
            {planId && (
              <DropdownMenuItem onSelect={() => setWebhooksOpen(true)}>
                <WebhookIcon /> Webhooks
              </DropdownMenuItem>
            )}
            {planId && (
              <DropdownMenuItem onSelect={() => setSchedulesOpen(true)}>
                <CalendarClock /> Schedules
              </DropdownMenuItem>
            )}
            <DropdownMenuSeparator />
            <DropdownMenuItem disabled={reviewing} onSelect={() => setPanel("template", true)}>
              <Braces /> Save as template…
            </DropdownMenuItem>
            <DropdownMenuItem disabled={reviewing} onSelect={() => setPanel("import", true)}>
              <FileUp /> Import JSON
            </DropdownMenuItem>
            <DropdownMenuItem onSelect={commands.exportJson}>
              <FileJson /> Export JSON
            </DropdownMenuItem>
            <DropdownMenuItem onSelect={() => void commands.exportImage("png")}>
              <ImageIcon /> Export PNG image
            </DropdownMenuItem>
            <DropdownMenuItem onSelect={() => void commands.exportImage("svg")}>
              <ImageIcon /> Export SVG image
            </DropdownMenuItem>
            <DropdownMenuSeparator />
            <DropdownMenuItem onSelect={() => setPanel("shortcuts", true)}>
              <Keyboard /> Keyboard shortcuts
            </DropdownMenuItem>
          </DropdownMenuContent>
        </DropdownMenu>
      </div>
    </div>
  );
}

/** Starts a run of the saved version; one Idempotency-Key per click, so a retry starts one run. */
function RunButton({
  planId,
  version,
  canRun,
  invalid,
  needsSave,
}: {
  planId: string | null;
  version: number | null;
  canRun: boolean;
  invalid: boolean;
  needsSave: boolean;
}) {
  const router = useRouter();
  const runKey = useIdempotencyKey();
  const [starting, setStarting] = useState(false);
  const start = async () => {
    if (!planId || !version) return;
    setStarting(true);
    try {
      const { runId } = await startRun(planId, version, runKey.current());
      runKey.settle();
      router.push(`/runs/${runId}`);
    } catch (e) {
      // An answer settles the intent; a network error keeps the key for the retry.
      if (e instanceof ApiError) runKey.settle();
      toast.error("The run could not start", { description: (e as Error).message });
    } finally {
      setStarting(false);
    }
  };
  return (
    <Tooltip>
      <TooltipTrigger asChild>
        {/* A span keeps the tooltip working while the button is disabled. */}
        <span tabIndex={canRun ? -1 : 0}>
          <Button size="sm" variant="secondary" onClick={() => void start()} disabled={starting || !canRun}>
            {starting ? <Loader2 className="animate-spin" /> : <Play />} Run
          </Button>
        </span>
      </TooltipTrigger>
      <TooltipContent>{invalid ? "An invalid plan cannot run" : needsSave ? "Save the plan to run it" : `Run version ${version}`}</TooltipContent>
    </Tooltip>
  );
}

function ToolButton({
  label,
  hint,
  onClick,
  disabled,
  pressed,
  children,
}: {
  label: string;
  hint: string;
  onClick: () => void;
  disabled?: boolean;
  pressed?: boolean;
  children: React.ReactNode;
}) {
  return (
    <Tooltip>
      <TooltipTrigger asChild>
        <Button
          variant="ghost"
          size="icon"
          className={cn("size-8", pressed && "bg-accent text-accent-foreground")}
          aria-label={label}
          aria-pressed={pressed}
          onClick={onClick}
          disabled={disabled}
        >
          {children}
        </Button>
      </TooltipTrigger>
      <TooltipContent>{hint}</TooltipContent>
    </Tooltip>
  );
}
