"use client";

import { ConfirmDeleteButton } from "@/components/confirm-delete-button";
import { deleteDocument } from "./api";

/** Deletes a document after asking; `onDeleted` runs once the server has removed it. */
export function DeleteDocumentButton({ doc, onDeleted }: { doc: { id: string; title: string; isSample: boolean }; onDeleted: (id: string) => void }) {
  return (
    <ConfirmDeleteButton
      name={doc.title}
      question="Delete this document?"
      description={
        <>
          <span className="font-medium text-foreground">{doc.title}</span> will no longer be found by searches or by web_search.{" "}
          {doc.isSample ? "It is a sample shared by the whole workspace: it is removed for everyone and will not come back." : "This cannot be undone."}
        </>
      }
      onConfirm={async () => {
        await deleteDocument(doc.id);
        onDeleted(doc.id);
      }}
    />
  );
}
