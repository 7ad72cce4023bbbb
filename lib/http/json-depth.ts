import { formatPath } from "../plan/path";

/** How deeply arrays and objects may nest in a JSON request body. */
export const MAX_JSON_DEPTH = 64;

/**
 * The JSON path of the first array or object nested deeper than `max` levels in JSON text, or
 * null. It reads the raw text once, before JSON.parse, with an explicit stack and no recursion:
 * ~200,000 nested arrays parse, but then overflow the stack of everything that walks the value
 * (validation, JSON.stringify). Only structure is looked at; malformed text is JSON.parse's to refuse.
 */
export function tooDeepAt(text: string, max = MAX_JSON_DEPTH): string | null {
  const kinds: number[] = []; // the open containers: "[" or "{"
  const path: (string | number)[] = []; // the position inside each: an index, or the current key
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      let j = i + 1;
      for (; j < text.length; j++) {
        const d = text.charCodeAt(j);
        if (d === 0x5c /* \ */) j++;
        else if (d === 0x22) break;
      }
      if (expectKey) {
        let key = text.slice(i + 1, j);
        if (key.includes("\\")) {
          try {
            key = JSON.parse(text.slice(i, j + 1)) as string;
          } catch {
            // malformed: JSON.parse will say so
          }
        }
        path[path.length - 1] = key;
        expectKey = false;
      }
      i = j;
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (kinds.length >= max) return formatPath(path);
      kinds.push(c);
      path.push(c === 0x5b ? 0 : "");
      expectKey = c === 0x7b;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      kinds.pop();
      path.pop();
      expectKey = false;
    } else if (c === 0x2c /* , */) {
      const open = kinds[kinds.length - 1];
      if (open === 0x5b) path[path.length - 1] = (path[path.length - 1] as number) + 1;
      else if (open === 0x7b) expectKey = true;
    }
  }
  return null;
}
