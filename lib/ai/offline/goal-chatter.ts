// Is there anything to plan at all? "hello", "thanks!", "asdf", "???" carry no task: the planner
// says so instead of searching the web for "hello".

const SMALL_TALK = new Set(
  (
    "hello hi hey hiya heya yo howdy greetings there good morning afternoon evening night day thanks thank you thx ty cheers ok okay k kk yes no yep " +
    "nope yeah sure cool nice great awesome bye goodbye see later lol haha hehe hmm hm um uh umm test testing tested ping pong help please what how " +
    "are is am doing up sup whats hru anyone here me it this that something anything stuff idk nothing foo bar baz lorem ipsum dolor sit amet " +
    "can could would will you your do does did i we a an the and or to of so just again well oh ah wow welcome sorry start go hallo bonjour hola ciao much many very lot lots really super totally appreciate appreciated " +
    "love it's its im i'm all everyone folks guys team morning night"
  ).split(" "),
);

const KEYBOARD_ROWS = ["qwertyuiop", "asdfghjkl", "zxcvbnm", "1234567890"];

/** A run of four neighbouring keys ("asdf", "uiop"), a tripled letter, or no vowel at all ("hmm", "xkcd"). */
function looksLikeMash(word: string): boolean {
  const w = word.toLowerCase();
  if (/(.)\1\1/.test(w)) return true;
  if (w.length >= 3 && !/[aeiouy]/.test(w) && w === word) return true;
  for (const row of KEYBOARD_ROWS)
    for (let i = 0; i + 4 <= row.length; i++) {
      const run = row.slice(i, i + 4);
      if (w.includes(run) || w.includes([...run].reverse().join(""))) return true;
    }
  return false;
}

/** Why the goal has nothing to plan, or null when it has words a plan could be about. */
export function nothingToDo(goal: string): string | null {
  const words = goal.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? [];
  if (words.length === 0) return "it has no words, only symbols";
  const content = words.filter((w) => !SMALL_TALK.has(w.toLowerCase().replace(/['’]s$/, "")));
  if (content.length === 0) return "it is small talk, not a task";
  if (content.every(looksLikeMash)) return "it has no words a tool can act on";
  return null;
}
