"use client";

import { ReactFlowProvider } from "@xyflow/react";
import type { ReactNode } from "react";
import { ImportDialog } from "@/components/plans/import-dialog";
import type { TemplatePin } from "@/components/plans/api";
import type { Plan } from "@/lib/plan/schema";
import { getTool } from "@/lib/tools/catalog";
import { AiDialog } from "./ai-dialog";
import { ConflictDialog } from "./conflict-dialog";
import { EditorCanvas } from "./editor-canvas";
import { EditorProvider, useEditor, useEditorStore } from "./editor-context";
import { EditorSidePanel } from "./editor-side-panel";
import { isDirty, isReviewing, selectedIds, type EditorDeps } from "./editor-store";
import { EditorToolbar } from "./editor-toolbar";
import { LeaveGuard } from "./leave-guard";
import { Palette } from "./palette";
import { ShortcutsDialog } from "./shortcuts-dialog";
import { TemplateDialog } from "./template-dialog";
import { TemplateBanner } from "./upgrade-dialog";
import { useEditorCommands } from "./use-editor-commands";
import { useEditorKeys } from "./use-editor-keys";
import { useProposalReview } from "./use-proposal-review";

export interface PlanEditorProps {
  /** null = an imported draft that has never been saved. */
  planId: string | null;
  version: number | null;
  plan: Plan;
  savedAt?: string | null;
  /** The template version the plan was made from, with the values it was made with. */
  template?: TemplatePin | null;
  /** Shown between the toolbar and the canvas (what the planner left out of a plan made from a goal). */
  banner?: ReactNode;
  /** For tests: the API client and clipboard the store uses. */
  deps?: EditorDeps;
}

/**
 * The canvas editor. Its state lives in one store per editor (editor-store.ts); this file only lays
 * out the toolbar, palette, canvas, side panel and dialogs around it.
 */
export function PlanEditor({ planId, version, plan, savedAt, template, banner, deps }: PlanEditorProps) {
  return (
    <ReactFlowProvider>
      <EditorProvider init={{ planId, version, plan, template }} deps={deps}>
        <Editor loadedVersion={version} savedAt={savedAt} banner={banner} />
      </EditorProvider>
    </ReactFlowProvider>
  );
}

function Editor({ loadedVersion, savedAt, banner }: { loadedVersion: number | null; savedAt?: string | null; banner?: ReactNode }) {
  const commands = useEditorCommands();
  useEditorKeys(commands.save);
  return (
    <>
      <div className="flex h-full flex-col">
        <EditorToolbar commands={commands} loadedVersion={loadedVersion} savedAt={savedAt} />
        <TemplateBanner />
        {banner}
        {/* On a phone: the canvas at a fixed height, the step details and the palette below it (the page scrolls). */}
        <div className="flex min-h-0 flex-1 flex-col overflow-y-auto md:flex-row md:overflow-hidden">
          <EditorPalette />
          <EditorCanvas commands={commands} />
          <EditorSidePanel commands={commands} />
        </div>
      </div>
      <EditorDialogs commands={commands} />
    </>
  );
}

/** The palette adds after the selected step (when exactly one is selected). */
function EditorPalette() {
  const store = useEditorStore();
  const reviewing = useEditor(isReviewing);
  const anchorLabel = useEditor((s) => {
    const ids = selectedIds(s.nodes);
    const step = ids.length === 1 ? s.nodes.find((n) => n.id === ids[0])?.data.step : undefined;
    return step ? `“${getTool(step.toolName)?.title ?? step.toolName}” (${step.id})` : undefined;
  });
  return <Palette onAdd={store.getState().addTool} disabled={reviewing} anchorLabel={anchorLabel} />;
}

function EditorDialogs({ commands }: { commands: ReturnType<typeof useEditorCommands> }) {
  const store = useEditorStore();
  const { setPanel, closeConflict, reloadAfterConflict } = store.getState();
  const panels = useEditor((s) => s.panels);
  const dirty = useEditor(isDirty);
  const planId = useEditor((s) => s.planId);
  const conflict = useEditor((s) => s.conflict);
  const review = useProposalReview();
  return (
    <>
      <LeaveGuard dirty={dirty} />
      <ShortcutsDialog open={panels.shortcuts} onOpenChange={(o) => setPanel("shortcuts", o)} />
      <ImportDialog open={panels.import} onOpenChange={(o) => setPanel("import", o)} onPlan={commands.importPlan} />
      <AiDialog open={panels.ai} onOpenChange={(o) => setPanel("ai", o)} onSubmit={review.ask} />
      <TemplateDialog open={panels.template} onOpenChange={(o) => setPanel("template", o)} />
      {planId && (
        <ConflictDialog
          planId={planId}
          conflict={conflict}
          canvasPlan={commands.canvasPlan}
          onClose={closeConflict}
          onReload={() => {
            reloadAfterConflict();
            commands.refresh();
          }}
          onSaveCopy={async () => {
            if (await commands.saveCopy()) closeConflict();
          }}
        />
      )}
    </>
  );
}
