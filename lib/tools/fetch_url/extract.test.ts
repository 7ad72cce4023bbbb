import { describe, expect, it } from "vitest";
import { domToText, extractHtml, extractReadable, mediaTypeOf, UnsupportedContentError } from "./extract";
import { parseHTML } from "linkedom";

const enc = (s: string) => new TextEncoder().encode(s);

describe("extract", () => {
  it("reads the media type", () => {
    expect(mediaTypeOf("Text/HTML; charset=UTF-8")).toBe("text/html");
    expect(mediaTypeOf("")).toBe("");
  });

  it("keeps block structure", () => {
    const { document } = parseHTML(
      "<html><body><h2>Head</h2><p>One  <b>two</b>\n three</p><ul><li>a</li><li>b</li></ul><pre>  x = 1\n    y</pre><script>bad()</script></body></html>",
    );
    expect(domToText(document.body as never)).toBe("## Head\n\nOne two three\n\n- a\n- b\n\n  x = 1\n    y");
  });

  it("falls back to the body text when Readability finds nothing", () => {
    const out = extractHtml("<html><head><title>Empty</title></head><body><nav>only nav</nav></body></html>", "http://x.test/p");
    expect(out.title).toBe("Empty");
    expect(out.text).toContain("only nav");
  });

  it("decodes the declared charset", () => {
    const latin1 = Uint8Array.from([0x63, 0x61, 0x66, 0xe9]);
    expect(extractReadable(latin1, "text/plain; charset=iso-8859-1", "http://x.test/a.txt").text).toBe("café");
  });

  it("sniffs bodies without a content type", () => {
    expect(extractReadable(enc('{"a":1}'), "", "http://x.test/data").text).toBe('{\n  "a": 1\n}');
    expect(extractReadable(enc("<!doctype html><html><body><p>hi there</p></body></html>"), "", "http://x.test/").text).toBe("hi there");
    expect(() => extractReadable(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0]), "", "http://x.test/img")).toThrow(UnsupportedContentError);
  });

  it("titles Markdown by its first heading and keeps invalid JSON as text", () => {
    expect(extractReadable(enc("intro\n\n# The Title\n\nbody"), "text/markdown", "http://x.test/readme.md").title).toBe("The Title");
    expect(extractReadable(enc('{"a":'), "application/json", "http://x.test/x.json").text).toBe('{"a":');
  });

  it("names unsupported content types", () => {
    expect(() => extractReadable(enc("%PDF"), "application/pdf", "http://x.test/doc.pdf")).toThrow(
      'cannot read http://x.test/doc.pdf: unsupported content type "application/pdf" (fetch_url reads HTML, plain text, Markdown and JSON)',
    );
  });
});
