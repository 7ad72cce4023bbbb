"use client";

import { AlertCircle, ClipboardPaste, FileText, Globe, Loader2, Upload } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { Textarea } from "@/components/ui/textarea";
import type { DocumentFormat } from "@/lib/db/schema-documents";
import { DOCUMENT_LIMITS, extensionOf, FILE_FORMATS } from "@/lib/knowledge/input";
import { cn } from "@/lib/utils";
import { createDocument } from "./api";
import { FORMAT_LABELS, formatChars } from "./format";

type Tab = "paste" | "upload" | "url";
// Every tab as tall as the tallest, so the dialog does not jump when switching.
const TAB_CLASS = "flex min-h-[20rem] flex-col gap-3 pt-2";

/** Checked here too so a wrong file is refused before it is sent; the server checks again. */
function fileProblem(file: File): string | null {
  if (!FILE_FORMATS[extensionOf(file.name)]) return `“${file.name}” is not a .md, .markdown or .txt file`;
  if (file.size > DOCUMENT_LIMITS.maxFileBytes) return `“${file.name}” is larger than 1 MB`;
  return null;
}

/** Add a document by pasting it, uploading a .md/.txt file, or importing a web page. */
export function AddDocumentDialog({ trigger, onAdded }: { trigger: React.ReactNode; onAdded: (id: string) => void }) {
  const [open, setOpen] = useState(false);
  const [tab, setTab] = useState<Tab>("paste");
  const [title, setTitle] = useState("");
  const [content, setContent] = useState("");
  const [format, setFormat] = useState<DocumentFormat>("markdown");
  const [file, setFile] = useState<File | null>(null);
  const [fileTitle, setFileTitle] = useState("");
  const [url, setUrl] = useState("");
  const [dragOver, setDragOver] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const ready = tab === "paste" ? title.trim() !== "" && content.trim() !== "" : tab === "upload" ? file !== null : url.trim() !== "";

  function reset() {
    setTitle("");
    setContent("");
    setFormat("markdown");
    setFile(null);
    setFileTitle("");
    setUrl("");
    setError(null);
  }

  function chooseFile(f: File | undefined) {
    if (!f) return;
    const problem = fileProblem(f);
    setError(problem);
    setFile(problem ? null : f);
  }

  async function submit() {
    if (!ready || pending) return;
    setPending(true);
    setError(null);
    try {
      let body: Record<string, unknown> | FormData;
      let done: string;
      if (tab === "paste") {
        body = { title: title.trim(), content, format };
        done = `Added “${title.trim()}”`;
      } else if (tab === "upload") {
        body = new FormData();
        body.set("file", file!);
        if (fileTitle.trim()) body.set("title", fileTitle.trim());
        done = `Added “${file!.name}”`;
      } else {
        body = { url: url.trim() };
        done = `Imported ${url.trim()}`;
      }
      const { id } = await createDocument(body);
      toast.success(done);
      reset();
      setOpen(false);
      onAdded(id);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setPending(false);
    }
  }

  const errorBox = error && (
    <div role="alert" className="flex items-start gap-2 rounded-md border border-destructive/50 bg-destructive/5 p-3 text-sm" data-testid="add-document-error">
      <AlertCircle className="mt-0.5 size-4 shrink-0 text-destructive" aria-hidden />
      <span className="break-words">{error}</span>
    </div>
  );

  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        if (pending) return;
        setOpen(o);
        if (!o) setError(null);
      }}
    >
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent className="sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle>Add a document</DialogTitle>
          <DialogDescription>
            Documents in the knowledge base are what web_search finds, offline. Text and Markdown, up to 1,000,000 characters.
          </DialogDescription>
        </DialogHeader>
        <form
          className="flex flex-col gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <Tabs
            value={tab}
            onValueChange={(v) => {
              setTab(v as Tab);
              setError(null);
            }}
          >
            <TabsList>
              <TabsTrigger value="paste">
                <ClipboardPaste /> Paste
              </TabsTrigger>
              <TabsTrigger value="upload">
                <Upload /> Upload
              </TabsTrigger>
              <TabsTrigger value="url">
                <Globe /> From URL
              </TabsTrigger>
            </TabsList>

            <TabsContent value="paste" className={TAB_CLASS}>
              <div className="grid gap-3 sm:grid-cols-[1fr_10rem]">
                <div className="flex flex-col gap-2">
                  <Label htmlFor="doc-title">Title</Label>
                  <Input
                    id="doc-title"
                    value={title}
                    onChange={(e) => setTitle(e.target.value)}
                    maxLength={DOCUMENT_LIMITS.maxTitle}
                    placeholder="Q3 launch brief"
                    autoComplete="off"
                  />
                </div>
                <div className="flex flex-col gap-2">
                  <Label htmlFor="doc-format">Format</Label>
                  <Select value={format} onValueChange={(v) => setFormat(v as DocumentFormat)}>
                    <SelectTrigger id="doc-format" className="w-full">
                      <SelectValue />
                    </SelectTrigger>
                    <SelectContent>
                      {(Object.keys(FORMAT_LABELS) as DocumentFormat[]).map((f) => (
                        <SelectItem key={f} value={f}>
                          {FORMAT_LABELS[f]}
                        </SelectItem>
                      ))}
                    </SelectContent>
                  </Select>
                </div>
              </div>
              <div className="flex flex-col gap-2">
                <div className="flex items-baseline justify-between">
                  <Label htmlFor="doc-content">Content</Label>
                  <span className="text-xs text-muted-foreground tabular-nums">{formatChars(content.length)}</span>
                </div>
                <Textarea
                  id="doc-content"
                  value={content}
                  onChange={(e) => setContent(e.target.value)}
                  onKeyDown={(e) => {
                    if ((e.metaKey || e.ctrlKey) && e.key === "Enter") void submit();
                  }}
                  placeholder={"# Heading\n\nPaste notes, an article or a brief…"}
                  className="h-56 resize-none font-mono text-xs"
                />
              </div>
              {errorBox}
            </TabsContent>

            <TabsContent value="upload" className={TAB_CLASS}>
              <label
                onDragOver={(e) => {
                  e.preventDefault();
                  setDragOver(true);
                }}
                onDragLeave={() => setDragOver(false)}
                onDrop={(e) => {
                  e.preventDefault();
                  setDragOver(false);
                  chooseFile(e.dataTransfer.files[0]);
                }}
                className={cn(
                  "flex h-52 cursor-pointer flex-col items-center justify-center gap-2 rounded-md border-2 border-dashed text-sm text-muted-foreground transition-colors hover:bg-muted/40",
                  dragOver && "border-primary bg-primary/5",
                )}
              >
                <Upload className="size-6" aria-hidden />
                <span>Drop a .md or .txt file here, or click to choose one (up to 1 MB)</span>
                {file && (
                  <span className="flex items-center gap-1 font-mono text-xs text-foreground" data-testid="chosen-file">
                    <FileText className="size-3.5" aria-hidden /> {file.name} · {Math.max(1, Math.round(file.size / 1024))} KB
                  </span>
                )}
                <input
                  type="file"
                  accept=".md,.markdown,.txt,text/markdown,text/plain"
                  className="sr-only"
                  data-testid="document-file"
                  onChange={(e) => {
                    chooseFile(e.target.files?.[0]);
                    e.target.value = "";
                  }}
                />
              </label>
              <div className="flex flex-col gap-2">
                <Label htmlFor="doc-file-title">Title (optional)</Label>
                <Input
                  id="doc-file-title"
                  value={fileTitle}
                  onChange={(e) => setFileTitle(e.target.value)}
                  maxLength={DOCUMENT_LIMITS.maxTitle}
                  placeholder="The first heading, or else the file name"
                  autoComplete="off"
                />
              </div>
              {errorBox}
            </TabsContent>

            <TabsContent value="url" className={cn(TAB_CLASS, "gap-2")}>
              <Label htmlFor="doc-url">Page URL</Label>
              <Input
                id="doc-url"
                type="url"
                inputMode="url"
                value={url}
                onChange={(e) => setUrl(e.target.value)}
                placeholder="https://example.com/article"
                autoComplete="off"
              />
              <p className="text-xs text-muted-foreground">
                Planvas downloads the page once and keeps its readable text, without navigation and ads. Private and local addresses are refused.
              </p>
              {errorBox}
            </TabsContent>
          </Tabs>

          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => setOpen(false)} disabled={pending}>
              Cancel
            </Button>
            <Button type="submit" disabled={!ready || pending}>
              {pending && <Loader2 className="animate-spin" />}
              {tab === "url" ? "Import page" : "Add document"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
