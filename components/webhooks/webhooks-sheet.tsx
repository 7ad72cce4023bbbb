"use client";

import { Check, ChevronDown, ChevronRight, Copy, KeyRound, Loader2, Plus, RefreshCw, TriangleAlert, Webhook as WebhookIcon } from "lucide-react";
import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import { toast } from "sonner";
import { ConfirmButton } from "@/components/confirm-button";
import { ConfirmDeleteButton } from "@/components/confirm-delete-button";
import { RelativeTime } from "@/components/plans/relative-time";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Sheet, SheetContent, SheetDescription, SheetHeader, SheetTitle, SheetTrigger } from "@/components/ui/sheet";
import { Switch } from "@/components/ui/switch";
import { Textarea } from "@/components/ui/textarea";
import { sampleCurl } from "@/lib/triggers/webhook-curl";
import { cn } from "@/lib/utils";
import {
  createWebhook,
  deleteWebhook,
  fetchWebhook,
  listWebhooks,
  rotateWebhookSecret,
  setWebhookEnabled,
  type Delivery,
  type Webhook,
  type WebhookTarget,
} from "./api";

export interface WebhooksSheetProps {
  /** The plan or template the webhooks start runs of (version null: the latest when it fires). */
  target: { kind: "plan"; id: string; version?: number } | { kind: "template"; id: string; version?: number };
  /** What the sheet is about, for its title: the plan's or template's name. */
  name: string;
  /** A sample payload for the curl example (a template's parameter names). */
  sampleBody?: Record<string, unknown>;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  triggerClassName?: string;
  /** The trigger as an icon button (template cards) rather than a labelled one (the toolbar). */
  compact?: boolean;
}

/** "Webhooks" on a plan or template: create (URL and secret shown once), list, enable, rotate, delete, and each one's delivery log. */
export function WebhooksSheet({ target, name, sampleBody, open, onOpenChange, triggerClassName, compact }: WebhooksSheetProps) {
  return (
    <Sheet open={open} onOpenChange={onOpenChange}>
      <SheetTrigger asChild>
        {compact ? (
          <Button variant="ghost" size="icon" className={triggerClassName} aria-label={`Webhooks of ${name}`} title="Webhooks" data-testid="webhooks-button">
            <WebhookIcon />
          </Button>
        ) : (
          <Button variant="ghost" size="sm" className={triggerClassName} data-testid="webhooks-button">
            <WebhookIcon /> Webhooks
          </Button>
        )}
      </SheetTrigger>
      <SheetContent className="w-full overflow-y-auto sm:w-[34rem] sm:max-w-xl">
        <SheetHeader>
          <SheetTitle>Webhooks</SheetTitle>
          <SheetDescription>
            A secret URL that starts a run of {target.kind === "plan" ? "this plan" : "this template"} (“{name}”) when a signed request arrives.
            {target.kind === "template" ? " The JSON payload's keys are the parameter values." : ""}
          </SheetDescription>
        </SheetHeader>
        <WebhooksPanel target={target} name={name} sampleBody={sampleBody ?? {}} />
      </SheetContent>
    </Sheet>
  );
}

type Revealed = { webhook: Webhook; secret: string; rotated: boolean };

/** Mounted when the sheet opens (Radix unmounts closed content), so every open loads afresh. */
function WebhooksPanel({ target, name, sampleBody }: { target: WebhooksSheetProps["target"]; name: string; sampleBody: Record<string, unknown> }) {
  const apiTarget: WebhookTarget =
    target.kind === "plan" ? { kind: "plan", planId: target.id, version: null } : { kind: "template", templateId: target.id, version: null };
  const [hooks, setHooks] = useState<Webhook[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [canManage, setCanManage] = useState(false);
  const [revealed, setRevealed] = useState<Revealed | null>(null);
  const [tick, setTick] = useState(0);
  const reload = () => setTick((t) => t + 1);

  useEffect(() => {
    let alive = true;
    listWebhooks(target.kind === "plan" ? { kind: "plan", planId: target.id, version: null } : { kind: "template", templateId: target.id, version: null }).then(
      (list) => {
        if (!alive) return;
        setHooks(list);
        setError(null);
      },
      (e: unknown) => alive && setError((e as Error).message),
    );
    return () => {
      alive = false;
    };
  }, [target.kind, target.id, tick]);

  useEffect(() => {
    fetch("/api/workspace/current", { cache: "no-store" })
      .then(async (res) => (res.ok ? ((await res.json()) as { workspace: { role: string } }).workspace.role : "viewer"))
      .catch(() => "viewer")
      .then((role) => setCanManage(role !== "viewer"));
  }, []);

  return (
    <div className="flex flex-col gap-4 px-4 pb-6" data-testid="webhooks-panel">
      {revealed ? (
        <SecretReveal revealed={revealed} sampleBody={sampleBody} onDone={() => setRevealed(null)} />
      ) : canManage ? (
        <CreateForm
          defaultName={`${name} webhook`}
          target={apiTarget}
          pinnable={target.version}
          onCreated={(webhook, secret) => {
            setRevealed({ webhook, secret, rotated: false });
            reload();
          }}
        />
      ) : null}
      {error ? (
        <p className="text-sm text-destructive" role="alert">
          Could not load the webhooks: {error}
        </p>
      ) : hooks === null ? (
        <p className="flex items-center gap-2 text-sm text-muted-foreground">
          <Loader2 className="size-4 animate-spin" aria-hidden /> Loading…
        </p>
      ) : hooks.length === 0 ? (
        <div
          className="flex flex-col items-center gap-1 rounded-lg border border-dashed p-6 text-center text-sm text-muted-foreground"
          data-testid="webhooks-empty"
        >
          <WebhookIcon className="size-5" aria-hidden />
          <p>No webhooks yet.</p>
          <p className="text-xs">
            {canManage ? "Create one above: a form, a shop or a CI job can then start runs by posting JSON." : "Editors can create one."}
          </p>
        </div>
      ) : (
        <ul className="flex flex-col gap-2" aria-label="Webhooks">
          {hooks.map((h) => (
            <WebhookRow
              key={h.id}
              hook={h}
              canManage={canManage}
              onChanged={reload}
              onRotated={(webhook, secret) => {
                setRevealed({ webhook, secret, rotated: true });
                reload();
              }}
            />
          ))}
        </ul>
      )}
    </div>
  );
}

function CreateForm({
  defaultName,
  target,
  pinnable,
  onCreated,
}: {
  defaultName: string;
  target: WebhookTarget;
  pinnable?: number;
  onCreated: (webhook: Webhook, secret: string) => void;
}) {
  const [name, setName] = useState(defaultName);
  const [pinned, setPinned] = useState(false);
  const [mappingText, setMappingText] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (pending || !name.trim()) return;
    let mapping: Record<string, string> | null = null;
    if (mappingText.trim()) {
      try {
        mapping = JSON.parse(mappingText) as Record<string, string>;
      } catch (err) {
        setError(`The mapping is not JSON: ${(err as Error).message}`);
        return;
      }
    }
    setPending(true);
    setError(null);
    try {
      const made = await createWebhook({ name: name.trim(), target: { ...target, version: pinned && pinnable ? pinnable : null }, mapping });
      toast.success(`Webhook “${made.name}” created`, { description: "Copy its secret now: it is shown only once." });
      onCreated(made, made.secret);
    } catch (err) {
      setError((err as Error).message);
      toast.error("Could not create the webhook", { description: (err as Error).message });
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} className="flex flex-col gap-3 rounded-lg border bg-card p-3" aria-label="New webhook">
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="webhook-name">Name</Label>
        <div className="flex gap-2">
          <Input id="webhook-name" value={name} maxLength={120} onChange={(e) => setName(e.target.value)} data-testid="webhook-name" />
          <Button type="submit" disabled={pending || !name.trim()} data-testid="create-webhook">
            {pending ? <Loader2 className="animate-spin" /> : <Plus />} Create
          </Button>
        </div>
      </div>
      {pinnable !== undefined && (
        <label className="flex items-center gap-2 text-sm text-muted-foreground">
          <Switch checked={pinned} onCheckedChange={setPinned} aria-label="Pin to this version" />
          {pinned
            ? `Runs version ${pinnable}, even after newer ones`
            : `Runs the latest ${target.kind === "plan" ? "version" : "published version"} when it fires`}
        </label>
      )}
      {target.kind === "template" && (
        <details className="text-sm">
          <summary className="cursor-pointer text-muted-foreground">Payload mapping (optional)</summary>
          <div className="mt-2 flex flex-col gap-1.5">
            <Label htmlFor="webhook-mapping" className="text-xs text-muted-foreground">
              Without one, the payload&apos;s keys are the parameter names. For a sender&apos;s own payload, map each parameter to a path in it.
            </Label>
            <Textarea
              id="webhook-mapping"
              value={mappingText}
              onChange={(e) => setMappingText(e.target.value)}
              rows={3}
              placeholder={'{ "question": "$.issue.title" }'}
              className="font-mono text-xs"
              data-testid="webhook-mapping"
            />
          </div>
        </details>
      )}
      {error && (
        <p className="text-sm text-destructive" role="alert" data-testid="webhook-create-error">
          {error}
        </p>
      )}
    </form>
  );
}

function CopyField({ label, value, testId, multiline }: { label: string; value: string; testId: string; multiline?: boolean }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      toast.success(`${label} copied`);
    } catch {
      toast.error("The browser refused the clipboard: select the text and copy it by hand");
    }
  }
  const common = { readOnly: true, value, "aria-label": label, className: "font-mono text-xs", "data-testid": testId };
  return (
    <div className="flex flex-col gap-1.5">
      <span className="text-xs font-medium text-muted-foreground">{label}</span>
      <div className="flex items-start gap-2">
        {multiline ? (
          <Textarea {...common} rows={5} className="font-mono text-[11px] leading-snug" onFocus={(e) => e.currentTarget.select()} />
        ) : (
          <Input {...common} onFocus={(e) => e.currentTarget.select()} />
        )}
        <Button type="button" variant="outline" size="sm" onClick={() => void copy()} aria-label={`Copy ${label.toLowerCase()}`}>
          {copied ? <Check aria-hidden /> : <Copy aria-hidden />}
        </Button>
      </div>
    </div>
  );
}

function SecretReveal({ revealed, sampleBody, onDone }: { revealed: Revealed; sampleBody: Record<string, unknown>; onDone: () => void }) {
  const { webhook, secret, rotated } = revealed;
  return (
    <section className="flex flex-col gap-3 rounded-lg border bg-card p-3" aria-label="New secret" data-testid="webhook-secret-reveal">
      <h3 className="text-sm font-medium">{rotated ? `New secret for “${webhook.name}”` : `“${webhook.name}” is ready`}</h3>
      <div className="flex items-start gap-2 rounded-md border border-amber-500/40 bg-amber-500/10 p-3 text-sm" role="note">
        <TriangleAlert className="mt-0.5 size-4 shrink-0 text-amber-600 dark:text-amber-400" aria-hidden />
        <span>
          This is the only time the signing secret is shown. Store it with the sender now.
          {rotated && webhook.previousValidUntil ? " The old secret keeps working for the grace period." : ""}
        </span>
      </div>
      <CopyField label="URL" value={webhook.url} testId="webhook-url" />
      <CopyField label="Signing secret" value={secret} testId="webhook-secret" />
      <CopyField label="Sample request (sh)" value={sampleCurl(webhook.url, secret, JSON.stringify(sampleBody)).join("\n")} testId="webhook-curl" multiline />
      <p className="text-xs text-muted-foreground">
        Sign <code>&lt;timestamp&gt;.&lt;body&gt;</code> with HMAC-SHA256 and send <code>Planvas-Timestamp</code> and{" "}
        <code>Planvas-Signature: v1=&lt;hex&gt;</code>; an <code>Idempotency-Key</code> header makes retries safe.
      </p>
      <div className="flex justify-end">
        <Button type="button" onClick={onDone} data-testid="webhook-secret-done">
          I have stored it
        </Button>
      </div>
    </section>
  );
}

function WebhookRow({
  hook,
  canManage,
  onChanged,
  onRotated,
}: {
  hook: Webhook;
  canManage: boolean;
  onChanged: () => void;
  onRotated: (webhook: Webhook, secret: string) => void;
}) {
  const [showLog, setShowLog] = useState(false);
  const [grace, setGrace] = useState(false);
  const [toggling, setToggling] = useState(false);

  async function toggle(enabled: boolean) {
    setToggling(true);
    try {
      await setWebhookEnabled(hook.id, enabled);
      toast.success(enabled ? `“${hook.name}” accepts deliveries again` : `“${hook.name}” is disabled: deliveries are refused (and logged)`);
      onChanged();
    } catch (e) {
      toast.error("Could not change the webhook", { description: (e as Error).message });
    } finally {
      setToggling(false);
    }
  }

  async function rotate() {
    try {
      const made = await rotateWebhookSecret(hook.id, grace ? 3600 : 0);
      toast.success("Secret rotated", { description: grace ? "The old one works for another hour." : "The old one no longer works." });
      onRotated(made, made.secret);
    } catch (e) {
      toast.error("Could not rotate the secret", { description: (e as Error).message });
      throw e;
    }
  }

  const version = hook.target.version === null ? "latest" : `v${hook.target.version}`;
  return (
    <li className="flex flex-col gap-2 rounded-lg border p-3" data-testid="webhook-row" data-webhook={hook.id}>
      <div className="flex items-center gap-2">
        <button
          type="button"
          className="flex min-w-0 flex-1 items-center gap-1.5 text-left text-sm font-medium"
          onClick={() => setShowLog((s) => !s)}
          aria-expanded={showLog}
          data-testid="webhook-log-toggle"
        >
          {showLog ? <ChevronDown className="size-4 shrink-0" aria-hidden /> : <ChevronRight className="size-4 shrink-0" aria-hidden />}
          <span className="truncate">{hook.name}</span>
        </button>
        <Badge variant="secondary">{version}</Badge>
        {!hook.enabled && <Badge variant="outline">disabled</Badge>}
        {canManage && (
          <>
            <Switch
              checked={hook.enabled}
              disabled={toggling}
              onCheckedChange={(v) => void toggle(v)}
              aria-label={`${hook.enabled ? "Disable" : "Enable"} “${hook.name}”`}
            />
            <ConfirmButton
              trigger={
                <Button
                  variant="ghost"
                  size="icon"
                  className="size-8 text-muted-foreground"
                  aria-label={`Rotate the secret of “${hook.name}”`}
                  title="Rotate secret"
                >
                  <KeyRound />
                </Button>
              }
              question={`Rotate the secret of “${hook.name}”?`}
              description={
                <span className="flex flex-col gap-3">
                  <span>A new secret is made and shown once. Senders must sign with it.</span>
                  <label className="flex items-center gap-2 text-foreground">
                    <Switch checked={grace} onCheckedChange={setGrace} aria-label="Keep the old secret for an hour" />
                    Keep the old secret working for an hour
                  </label>
                </span>
              }
              confirmLabel="Rotate"
              onConfirm={rotate}
            />
            <ConfirmDeleteButton
              name={hook.name}
              question={`Delete the webhook “${hook.name}”?`}
              description="Its URL stops working at once and its log is deleted. Runs it started stay."
              onConfirm={async () => {
                await deleteWebhook(hook.id);
                onChanged();
              }}
            />
          </>
        )}
      </div>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 pl-5 text-xs text-muted-foreground">
        <span className="truncate font-mono" title={hook.url}>
          {hook.url.replace(/pvh_(.{4}).*$/, "pvh_$1…")}
        </span>
        <span>secret {hook.secretHint}</span>
        {hook.lastDelivery ? (
          <span className="inline-flex items-center gap-1">
            last <DeliveryStatus status={hook.lastDelivery.status} /> <RelativeTime iso={hook.lastDelivery.receivedAt} />
          </span>
        ) : (
          <span>no deliveries yet</span>
        )}
      </div>
      {showLog && <DeliveryLog id={hook.id} onLoaded={onChanged} />}
    </li>
  );
}

function DeliveryStatus({ status }: { status: number }) {
  const tone =
    status < 300
      ? "border-status-success/50 text-status-success"
      : status === 409 || status === 102
        ? "border-status-awaiting/60 text-status-awaiting"
        : "border-status-failure/50 text-status-failure";
  return (
    <span className={cn("inline-flex rounded border px-1 font-mono text-[11px] leading-4 font-medium", tone)} data-testid="delivery-status">
      {status}
    </span>
  );
}

/** `onLoaded`: the row's "last delivery" summary refreshes with the log. */
function DeliveryLog({ id, onLoaded }: { id: string; onLoaded: () => void }) {
  const [deliveries, setDeliveries] = useState<Delivery[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    fetchWebhook(id).then(
      (w) => {
        setDeliveries(w.deliveries);
        setError(null);
        onLoaded();
      },
      (e: unknown) => setError((e as Error).message),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- onLoaded is the parent's reload, new each render
  }, [id]);
  useEffect(load, [load]);

  return (
    <div className="flex flex-col gap-1.5 border-t pt-2" data-testid="delivery-log">
      <div className="flex items-center justify-between">
        <span className="text-xs font-medium text-muted-foreground">Deliveries (latest 50)</span>
        <Button type="button" variant="ghost" size="sm" className="h-7" onClick={load}>
          <RefreshCw /> Refresh
        </Button>
      </div>
      {error ? (
        <p className="text-xs text-destructive">{error}</p>
      ) : deliveries === null ? (
        <p className="text-xs text-muted-foreground">Loading…</p>
      ) : deliveries.length === 0 ? (
        <p className="text-xs text-muted-foreground">Nothing has arrived yet. Accepted and refused requests both show here.</p>
      ) : (
        <ul className="flex flex-col gap-1">
          {deliveries.map((d) => (
            <li key={d.id} className="flex flex-col gap-0.5 rounded-md bg-muted/50 px-2 py-1.5 text-xs" data-testid="delivery">
              <div className="flex flex-wrap items-center gap-2">
                <DeliveryStatus status={d.status} />
                <RelativeTime iso={d.receivedAt} />
                <span className="text-muted-foreground">{d.payloadBytes > 262_144 ? "> 256 KB" : `${d.payloadBytes} B`}</span>
                {d.idempotencyKey && <span className="truncate font-mono text-muted-foreground">key {d.idempotencyKey}</span>}
                {d.replayed && <Badge variant="outline">same run</Badge>}
                {d.runId && (
                  <Link href={`/runs/${d.runId}`} className="ml-auto text-primary underline-offset-2 hover:underline">
                    Open run
                  </Link>
                )}
              </div>
              {d.reason && <p className="text-muted-foreground">{d.reason}</p>}
              {d.payloadExcerpt && <p className="truncate font-mono text-[11px] text-muted-foreground/80">{d.payloadExcerpt}</p>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
