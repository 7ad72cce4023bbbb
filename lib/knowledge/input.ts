import { z } from "zod";
import type { DocumentFormat } from "../db/schema-documents";
import type { NewDocument } from "./queries";

export const DOCUMENT_LIMITS = {
  maxTitle: 300,
  maxChars: 1_000_000,
  /** Uploaded files; UTF-8 never has more characters than bytes, so this also bounds maxChars. */
  maxFileBytes: 1_000_000,
} as const;

/** Uploadable files and the format each is stored as. */
export const FILE_FORMATS: Record<string, DocumentFormat> = { ".md": "markdown", ".markdown": "markdown", ".txt": "text" };

const httpUrl = z.url({ protocol: /^https?$/, message: "must be an http(s) URL" });

export const documentInputSchema = z
  .object({
    title: z.string().trim().min(1, "must not be empty").max(DOCUMENT_LIMITS.maxTitle),
    content: z
      .string()
      .max(DOCUMENT_LIMITS.maxChars, `must be at most ${DOCUMENT_LIMITS.maxChars} characters`)
      .refine((s) => s.trim().length > 0, "must not be empty"),
    format: z.enum(["text", "markdown"]).default("markdown"),
    sourceUrl: httpUrl.nullable().optional(),
  })
  .strict();

export const urlImportSchema = z.object({ url: z.string().trim().pipe(httpUrl) }).strict();

/** The text of the first Markdown heading (`# Title` or `## Title`), if any. */
export function titleFromMarkdown(content: string): string | null {
  const m = /^ {0,3}#{1,6}[ \t]+(.+?)[ \t]*#*[ \t]*$/m.exec(content);
  const title = m?.[1]?.replace(/[*_`]/g, "").trim();
  return title ? title.slice(0, DOCUMENT_LIMITS.maxTitle) : null;
}

export function extensionOf(fileName: string): string {
  const m = /\.[^./\\]+$/.exec(fileName);
  return m ? m[0].toLowerCase() : "";
}

export type FileDocument = { ok: true; doc: NewDocument } | { ok: false; status: 400 | 413; message: string };

/** An uploaded .md/.markdown/.txt file as a document: UTF-8, at most 1 MB, titled by its first heading or its name. */
export function documentFromFile(fileName: string, bytes: Uint8Array, title?: string): FileDocument {
  const ext = extensionOf(fileName);
  const format = FILE_FORMATS[ext];
  if (!format) return { ok: false, status: 400, message: `"${fileName}" is not a .md, .markdown or .txt file` };
  if (bytes.byteLength > DOCUMENT_LIMITS.maxFileBytes)
    return { ok: false, status: 413, message: `"${fileName}" is larger than 1 MB (${bytes.byteLength} bytes)` };
  let content: string;
  try {
    content = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return { ok: false, status: 400, message: `"${fileName}" is not UTF-8 text` };
  }
  if (!content.trim()) return { ok: false, status: 400, message: `"${fileName}" is empty` };
  const base = fileName.replace(/^.*[/\\]/, "");
  const name = base.slice(0, base.length - ext.length).trim();
  const chosen = title?.trim() || titleFromMarkdown(content) || name.slice(0, DOCUMENT_LIMITS.maxTitle) || "Untitled";
  return { ok: true, doc: { title: chosen.slice(0, DOCUMENT_LIMITS.maxTitle), content, format } };
}
