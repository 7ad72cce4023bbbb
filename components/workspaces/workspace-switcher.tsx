"use client";

import { Check, ChevronsUpDown, Loader2, Plus, UsersRound, UserRound } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { signalInboxChanged } from "@/components/runs/inbox-signal";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { createWorkspace, RequestError, switchWorkspace, type WorkspaceItem } from "./api";

const ROLE_LABEL: Record<WorkspaceItem["role"], string> = { owner: "Owner", admin: "Admin", editor: "Editor", viewer: "Viewer" };

/**
 * The header's workspace switcher: the current workspace's name, a menu of the user's workspaces
 * (the current one checked) and "New workspace…". Switching sets the `planvas.workspace` cookie on
 * the server and re-renders the page's data for the workspace chosen.
 */
export function WorkspaceSwitcher({ workspaces, currentId }: { workspaces: WorkspaceItem[]; currentId: string }) {
  const router = useRouter();
  const [creating, setCreating] = useState(false);
  const [refreshing, startRefresh] = useTransition();
  const current = workspaces.find((w) => w.id === currentId) ?? workspaces[0];

  async function choose(w: WorkspaceItem) {
    if (w.id === currentId) return;
    try {
      await switchWorkspace(w.id);
      startRefresh(() => router.refresh());
      // The nav's inbox count is the new workspace's too.
      signalInboxChanged();
    } catch (e) {
      toast.error(`Could not switch to “${w.name}”: ${(e as Error).message}`);
    }
  }

  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button
            variant="ghost"
            size="sm"
            className="max-w-28 gap-1 px-2 sm:max-w-56"
            aria-label={`Workspace: ${current?.name ?? ""}`}
            data-testid="workspace-switcher"
          >
            {current?.personal ? <UserRound className="size-4" aria-hidden /> : <UsersRound className="size-4" aria-hidden />}
            <span className="truncate">{current?.name}</span>
            {refreshing ? <Loader2 className="size-3.5 animate-spin opacity-60" aria-hidden /> : <ChevronsUpDown className="size-3.5 opacity-60" aria-hidden />}
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="start" className="w-64">
          <DropdownMenuLabel className="font-normal text-muted-foreground">Workspaces</DropdownMenuLabel>
          {workspaces.map((w) => (
            <DropdownMenuItem key={w.id} onSelect={() => void choose(w)} aria-current={w.id === currentId ? "true" : undefined} data-testid="workspace-option">
              <Check className={w.id === currentId ? "size-4" : "size-4 opacity-0"} aria-hidden />
              <span className="min-w-0 flex-1 truncate">{w.name}</span>
              <span className="text-xs text-muted-foreground">{w.personal ? "Personal" : ROLE_LABEL[w.role]}</span>
            </DropdownMenuItem>
          ))}
          <DropdownMenuSeparator />
          <DropdownMenuItem onSelect={() => setCreating(true)}>
            <Plus className="size-4" aria-hidden />
            New workspace…
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <NewWorkspaceDialog
        open={creating}
        onOpenChange={setCreating}
        onCreated={async (w) => {
          setCreating(false);
          try {
            await switchWorkspace(w.id);
          } catch (e) {
            toast.error(`Created “${w.name}”, but could not switch to it: ${(e as Error).message}`);
          }
          toast.success(`Created “${w.name}”; you are its owner`);
          startRefresh(() => router.refresh());
          signalInboxChanged();
        }}
      />
    </>
  );
}

function NewWorkspaceDialog({
  open,
  onOpenChange,
  onCreated,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onCreated: (w: WorkspaceItem) => void | Promise<void>;
}) {
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!name.trim() || pending) return;
    setPending(true);
    setError(null);
    try {
      const made = await createWorkspace(name.trim());
      setName("");
      await onCreated(made);
    } catch (err) {
      setError(err instanceof RequestError ? err.message : `Could not create the workspace: ${(err as Error).message}`);
    } finally {
      setPending(false);
    }
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        if (!o) setError(null);
        onOpenChange(o);
      }}
    >
      <DialogContent className="sm:max-w-md">
        <form onSubmit={(e) => void submit(e)} className="flex flex-col gap-4">
          <DialogHeader>
            <DialogTitle>New workspace</DialogTitle>
            <DialogDescription>
              A shared place for a team&apos;s plans, runs, templates and documents. You become its owner and can invite members.
            </DialogDescription>
          </DialogHeader>
          <div className="flex flex-col gap-2">
            <Label htmlFor="workspace-name">Name</Label>
            <Input
              id="workspace-name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              maxLength={100}
              placeholder="Growth team"
              autoFocus
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? "workspace-name-error" : undefined}
            />
            {error && (
              <p id="workspace-name-error" role="alert" className="text-sm text-destructive">
                {error}
              </p>
            )}
          </div>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={!name.trim() || pending}>
              {pending && <Loader2 className="size-4 animate-spin" aria-hidden />}
              Create workspace
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
