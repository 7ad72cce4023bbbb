/**
 * A property of a plain object only if the object itself has it. User-chosen keys (step ids,
 * input names, header names) such as "constructor" or "valueOf" must never reach a prototype member.
 */
export function own<T>(obj: Readonly<Record<string, T>> | null | undefined, key: string): T | undefined {
  return obj && Object.hasOwn(obj, key) ? obj[key] : undefined;
}
