"use client";

import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Kbd, KbdGroup } from "@/components/ui/kbd";

const MOD = "Ctrl/⌘";

export const SHORTCUTS: { keys: string[]; what: string }[] = [
  { keys: [MOD, "S"], what: "Save as a new version" },
  { keys: [MOD, "Z"], what: "Undo" },
  { keys: ["Shift", MOD, "Z"], what: "Redo (also Ctrl+Y)" },
  { keys: [MOD, "C"], what: "Copy the selected steps" },
  { keys: [MOD, "V"], what: "Paste steps (new ids)" },
  { keys: [MOD, "D"], what: "Duplicate the selected steps" },
  { keys: [MOD, "A"], what: "Select every step" },
  { keys: ["Delete"], what: "Delete the selection (Backspace too); dependencies are re-linked" },
  { keys: ["Shift", "drag"], what: "Select with a box" },
  { keys: [MOD, "click"], what: "Add to the selection" },
  { keys: ["Esc"], what: "Clear the selection" },
  { keys: ["?"], what: "Show these shortcuts" },
];

export function ShortcutsDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-md">
        <DialogHeader>
          <DialogTitle>Keyboard shortcuts</DialogTitle>
          <DialogDescription>On the canvas (not while typing in a field).</DialogDescription>
        </DialogHeader>
        <dl className="grid grid-cols-[auto_1fr] items-center gap-x-4 gap-y-2 text-sm" data-testid="shortcuts">
          {SHORTCUTS.map((s) => (
            <div key={s.what} className="contents">
              <dt>
                <KbdGroup>
                  {s.keys.map((k) => (
                    <Kbd key={k}>{k}</Kbd>
                  ))}
                </KbdGroup>
              </dt>
              <dd className="text-muted-foreground">{s.what}</dd>
            </div>
          ))}
        </dl>
      </DialogContent>
    </Dialog>
  );
}
