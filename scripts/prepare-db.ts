// Run by `npm run app` before the first start: creates, migrates and seeds the embedded database
// (PGlite's initdb takes seconds), then closes it, so the server's first page does not wait for it.
// The server opens it afterwards; exactly one process has it open at any time.
import { openWorkspace } from "../lib/bootstrap";

const db = await openWorkspace();
await db.close();
