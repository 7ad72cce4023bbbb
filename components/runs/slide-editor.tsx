"use client";

import { ArrowDown, ArrowUp, Plus, Trash2 } from "lucide-react";
import { useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { Textarea } from "@/components/ui/textarea";
import { cn } from "@/lib/utils";
import { limitsOf, moved, newKey, problemsByItem, type DraftPost, type DraftSlide, type PostDraft } from "./slide-draft";

const n = (v: number) => v.toLocaleString("en-US");

/** "123 / 3,000", red past the limit; the field it counts points here with aria-describedby. */
function Counter({ id, length, max }: { id: string; length: number; max: number }) {
  const over = length > max;
  return (
    <p id={id} className={cn("text-right text-xs tabular-nums", over ? "font-medium text-destructive" : "text-muted-foreground")} data-testid="char-counter">
      {n(length)} / {n(max)}
      {over ? ` — ${n(length - max)} over the limit` : ""}
    </p>
  );
}

type FocusTarget = { key: string; part: "up" | "down" | "remove" | "first" } | { key: "add"; part: "add" };

/**
 * Moves focus after a reorder, an add or a remove, so keyboard users stay with the slide they
 * moved (or land on the new one) instead of on a button that went away.
 */
function useFocusAfter() {
  const refs = useRef(new Map<string, HTMLElement | null>());
  const pending = useRef<FocusTarget | null>(null);
  // After every render: the change that asked for focus has been rendered by then.
  useEffect(() => {
    const target = pending.current;
    if (!target) return;
    pending.current = null;
    const el = refs.current.get(`${target.key}:${target.part}`);
    const fallback = refs.current.get(`${target.key}:first`);
    (el && !(el as HTMLButtonElement).disabled ? el : fallback)?.focus();
  });
  const ref = (key: string, part: string) => (el: HTMLElement | null) => {
    refs.current.set(`${key}:${part}`, el);
  };
  return {
    ref,
    focus: (t: FocusTarget) => {
      pending.current = t;
    },
  };
}

/** Move up, move down and remove for one slide or post; every button says which item it acts on. */
function ItemActions({
  label,
  index,
  count,
  itemKey,
  min,
  onMove,
  onRemove,
  refFor,
}: {
  label: string;
  index: number;
  count: number;
  itemKey: string;
  min: number;
  onMove: (to: number, part: "up" | "down") => void;
  onRemove: () => void;
  refFor: (key: string, part: string) => (el: HTMLElement | null) => void;
}) {
  return (
    <div className="absolute top-1 right-1 flex items-center gap-0.5">
      <Button
        ref={refFor(itemKey, "up")}
        type="button"
        variant="ghost"
        size="icon"
        className="size-7"
        aria-label={`Move ${label} ${index + 1} up`}
        disabled={index === 0}
        onClick={() => onMove(index - 1, "up")}
      >
        <ArrowUp />
      </Button>
      <Button
        ref={refFor(itemKey, "down")}
        type="button"
        variant="ghost"
        size="icon"
        className="size-7"
        aria-label={`Move ${label} ${index + 1} down`}
        disabled={index === count - 1}
        onClick={() => onMove(index + 1, "down")}
      >
        <ArrowDown />
      </Button>
      <Button
        ref={refFor(itemKey, "remove")}
        type="button"
        variant="ghost"
        size="icon"
        className="size-7 text-muted-foreground hover:text-destructive"
        aria-label={`Remove ${label} ${index + 1}`}
        disabled={count <= min}
        onClick={onRemove}
      >
        <Trash2 />
      </Button>
    </div>
  );
}

function ItemProblems({ lines }: { lines: string[] | undefined }) {
  if (!lines?.length) return null;
  return <p className="text-xs whitespace-pre-wrap text-destructive">{lines.join("\n")}</p>;
}

/**
 * Edit & approve for a carousel (caption, then one title and body per slide) or a thread (one
 * editor per post): per-item character counters against the platform's limit, add, remove and
 * reorder with buttons, and a preview of what will be published. The draft is the parent's state.
 */
export function SlideEditor({ draft, onChange, problem }: { draft: PostDraft; onChange: (d: PostDraft) => void; problem: string | null }) {
  const limits = limitsOf(draft);
  const { ref, focus } = useFocusAfter();
  const problems = problemsByItem(problem, draft.kind);
  const items: (DraftSlide | DraftPost)[] = draft.kind === "carousel" ? draft.slides : draft.posts;
  const label = draft.kind === "carousel" ? "slide" : "post";
  const Label1 = draft.kind === "carousel" ? "Slide" : "Post";

  function setItems(next: (DraftSlide | DraftPost)[]) {
    onChange(draft.kind === "carousel" ? { ...draft, slides: next as DraftSlide[] } : { ...draft, posts: next as DraftPost[] });
  }
  function update(i: number, patch: Partial<DraftSlide> & Partial<DraftPost>) {
    setItems(items.map((it, j) => (j === i ? { ...it, ...patch } : it)));
  }
  function move(i: number, to: number, part: "up" | "down") {
    const key = items[i]!.key;
    setItems(moved(items, i, to));
    focus({ key, part });
  }
  function remove(i: number) {
    const next = items.filter((_, j) => j !== i);
    setItems(next);
    const neighbour = next[Math.min(i, next.length - 1)];
    focus(neighbour ? { key: neighbour.key, part: "first" } : { key: "add", part: "add" });
  }
  function add() {
    const key = newKey();
    setItems([...items, draft.kind === "carousel" ? { key, title: "", body: "" } : { key, text: "" }]);
    focus({ key, part: "first" });
  }

  return (
    <Tabs defaultValue="edit" className="gap-3" data-testid="slide-editor">
      <TabsList aria-label={`Edit or preview the ${draft.kind}`}>
        <TabsTrigger value="edit">Edit</TabsTrigger>
        <TabsTrigger value="preview">Preview</TabsTrigger>
      </TabsList>
      <TabsContent value="edit" className="flex flex-col gap-3">
        {draft.kind === "carousel" && (
          <div className="flex flex-col gap-1.5">
            <Label htmlFor="edit-caption">Caption</Label>
            <Textarea
              id="edit-caption"
              value={draft.caption}
              onChange={(e) => onChange({ ...draft, caption: e.target.value })}
              rows={3}
              className="max-h-60 text-sm [overflow-wrap:anywhere]"
              aria-describedby="edit-caption-count"
              aria-invalid={draft.caption.length > limits.maxChars || undefined}
            />
            <Counter id="edit-caption-count" length={draft.caption.length} max={limits.maxChars} />
          </div>
        )}
        <ol className="flex flex-col gap-2" aria-label={draft.kind === "carousel" ? "Slides" : "Posts of the thread"}>
          {items.map((it, i) => {
            const id = `edit-${label}-${it.key}`;
            const text = "text" in it ? it.text : it.body;
            return (
              <li key={it.key} className="relative rounded-md border bg-background p-2" data-testid={`edit-${label}`}>
                <ItemActions
                  label={label}
                  index={i}
                  count={items.length}
                  itemKey={it.key}
                  min={1}
                  refFor={ref}
                  onMove={(to, part) => move(i, to, part)}
                  onRemove={() => remove(i)}
                />
                <fieldset className="flex min-w-0 flex-col gap-1.5">
                  <legend className="mb-1.5 flex h-7 items-center text-xs font-medium text-muted-foreground">
                    {Label1} {i + 1} of {items.length}
                  </legend>
                  {"title" in it && (
                    <>
                      <Label htmlFor={`${id}-title`} className="sr-only">
                        Slide {i + 1} title
                      </Label>
                      <Input
                        ref={ref(it.key, "first")}
                        id={`${id}-title`}
                        value={it.title}
                        placeholder="Title"
                        onChange={(e) => update(i, { title: e.target.value })}
                        aria-invalid={it.title.length > limits.maxTitle || undefined}
                        aria-describedby={it.title.length > limits.maxTitle ? `${id}-title-count` : undefined}
                        className="h-8 font-medium"
                      />
                      {/* A title rarely nears its limit: counted only when it is past it. */}
                      {it.title.length > limits.maxTitle && <Counter id={`${id}-title-count`} length={it.title.length} max={limits.maxTitle} />}
                    </>
                  )}
                  <Label htmlFor={`${id}-text`} className="sr-only">
                    {"title" in it ? `Slide ${i + 1} body` : `Post ${i + 1}`}
                  </Label>
                  <Textarea
                    ref={"title" in it ? undefined : ref(it.key, "first")}
                    id={`${id}-text`}
                    value={text}
                    placeholder={"title" in it ? "Body" : "Post text"}
                    onChange={(e) => update(i, "title" in it ? { body: e.target.value } : { text: e.target.value })}
                    rows={3}
                    className="max-h-60 text-sm [overflow-wrap:anywhere]"
                    aria-describedby={`${id}-count`}
                    aria-invalid={text.length > limits.maxChars || undefined}
                  />
                  <Counter id={`${id}-count`} length={text.length} max={limits.maxChars} />
                  <ItemProblems lines={problems.get(i)} />
                </fieldset>
              </li>
            );
          })}
        </ol>
        <Button
          ref={ref("add", "add")}
          type="button"
          variant="outline"
          size="sm"
          className="self-start"
          onClick={add}
          disabled={items.length >= limits.maxItems}
        >
          <Plus /> Add {label}
          <span className="text-muted-foreground">
            ({items.length}/{limits.maxItems})
          </span>
        </Button>
      </TabsContent>
      <TabsContent value="preview">
        <DraftPreview draft={draft} />
      </TabsContent>
    </Tabs>
  );
}

/** What will be published, as it reads: the caption and numbered slide cards, or the thread in order. */
function DraftPreview({ draft }: { draft: PostDraft }) {
  if (draft.kind === "thread")
    return (
      <ol className="flex flex-col gap-2" aria-label="Thread preview" data-testid="draft-preview">
        {draft.posts.map((p, i) => (
          <li key={p.key} className="rounded-md border p-2 text-sm whitespace-pre-wrap">
            <span className="mb-1 block text-xs text-muted-foreground">
              {i + 1}/{draft.posts.length}
            </span>
            {p.text || <span className="text-muted-foreground italic">(empty)</span>}
          </li>
        ))}
      </ol>
    );
  return (
    <div className="flex flex-col gap-2" data-testid="draft-preview">
      {draft.caption && <p className="text-sm whitespace-pre-wrap">{draft.caption}</p>}
      <ol
        className="flex snap-x gap-2 overflow-x-auto rounded-md pb-2 focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none"
        aria-label="Carousel preview"
        tabIndex={0}
      >
        {draft.slides.map((s, i) => (
          <li key={s.key} className="flex aspect-square w-44 shrink-0 snap-start flex-col gap-1 overflow-hidden rounded-lg border bg-muted/40 p-3">
            <span className="text-xs text-muted-foreground">
              {i + 1}/{draft.slides.length}
            </span>
            <p className="text-sm leading-snug font-semibold">{s.title}</p>
            <p className="line-clamp-6 text-xs leading-snug">{s.body}</p>
          </li>
        ))}
      </ol>
    </div>
  );
}
