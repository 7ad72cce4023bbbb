import { describe, expect, it } from "vitest";
import { isAboutItself, isMetaText, isWritingSubject, metaKind } from "./meta";

// Real sentences from the sample documents (supabase/seed.sql) and the kind of text a search finds.
const META: [string, string][] = [
  ["Review the carousel on a phone before publishing, and let someone approve it.", "self-reference"],
  ["Body — one idea per post, numbered (1/8, 2/8 …) so readers know the length.", "aside"],
  ["Body — one idea per post, so readers know the length.", "structure-label"],
  ["Hook — the promise.", "structure-label"],
  ["Hook slide: one bold promise in under ten words.", "structure-label"],
  ["Large type: at least 40 px for headlines; most people read on a phone.", "structure-label"],
  ["Keep subject lines under about 50 characters, specific rather than clever.", "writing-advice"],
  ["Use the preview text to add a second reason to open.", "writing-advice"],
  ["Write the post text as a teaser; do not repeat the whole carousel.", "writing-advice"],
  ["Put the main keyword in the first line of the post and on the hook slide.", "writing-advice"],
  ["End with a question to start comments; reply to them in the first hour.", "writing-advice"],
  ["Number the slides so readers know how far they are.", "writing-advice"],
  ["Use a 4:5 portrait format (1080 × 1350 px) so slides fill the mobile screen.", "structure-label"],
  ["Consistent colours and a small logo or handle on every slide.", "format-element"],
  ["Six to ten slides is the sweet spot; more than twelve loses readers.", "format-element"],
  ["Keep links out of the first post; put them at the end.", "writing-advice"],
  ["Add an image, chart or screenshot every few posts.", "writing-advice"],
  ['Avoid vague openers like "Some thoughts on marketing".', "writing-advice"],
  ["Make a specific promise and show the payoff:", "aside"],
  ["> I analysed 100 product launches. 7 patterns separated the hits from the flops.", "aside"],
  ["Lead with benefits, not internal ticket names.", "writing-advice"],
  ["Pick one workflow (for example a weekly LinkedIn carousel) and automate it end to end.", "format-element"],
  ["Write down your brand voice so that models and new hires use the same guide.", "writing-advice"],
  ["Sample document shipped with Planvas for the offline demo; figures and claims are illustrative.", "self-reference"],
  ["These documents are sample data shipped with Planvas so that the offline demo has something to search.", "self-reference"],
  ["A good carousel is a short story, not a slide deck.", "format-element"],
  ["Open with the most valuable item — not housekeeping.", "writing-advice"],
  ["Sign with a real name; write like a person, not a brand.", "writing-advice"],
  ["(Figures as of March.)", "aside"],
  ["Note: this list is not exhaustive.", "aside"],
  ["In this post we look at five trends.", "self-reference"],
  ["The web_search tool searches this knowledge base by default, using PostgreSQL full-text search.", "self-reference"],
  ["Open Knowledge in the header and choose Add document: paste text or Markdown.", "aside"],
];

const CONTENT = [
  "AI agents now draft briefs, build audience segments, write variants and schedule posts.",
  "Marketing teams spent 2024 and 2025 experimenting with generative AI.",
  "Buyers ask assistants instead of typing keywords.",
  "Lightweight marketing mix models, often built with AI assistance, estimate what each channel contributes and are re-run every month.",
  "With third-party cookies fading, brands invest in newsletters, communities and loyalty programmes that give them their own audience data, collected with explicit consent.",
  "Battery pack prices have fallen for years, and cheaper chemistries such as LFP now power most entry-level models.",
  "Drivers rank charging availability above range as their main concern.",
  "Turn on multi-factor authentication (MFA) for email, banking, cloud storage and admin accounts.",
  "Use a password manager so every account has a long, unique password.",
  "Block two to three hours of deep work a day and mark it in the calendar.",
  "Faster search — results now appear as you type, and searching a workspace of 10,000 documents takes under a second.",
  "Productivity holds: many pilot companies report similar output in fewer hours, because people cut low-value meetings and interruptions.",
  "Remote teams that thrive are writing cultures.",
  "Obsidian is a local-first Markdown editor.",
  "Decide which steps always need a human sign-off.",
  "Specialty buyers accept a premium when quality and story are clear.",
  "Replace status meetings with short written updates; keep live time for decisions and difficult conversations.",
  "Use threads, not direct messages, so that context is searchable later.",
  "Track delivered work (shipped features, closed tickets, published posts) instead of online status.",
];

describe("metaKind", () => {
  it.each(META)("sets aside %s", (sentence, kind) => {
    expect(metaKind(sentence)).toBe(kind);
  });
  it.each(CONTENT)("keeps %s", (sentence) => {
    expect(metaKind(sentence)).toBeNull();
  });
  it("keeps a writing guide's advice when writing is the subject, but never its asides", () => {
    expect(isMetaText("Keep subject lines under about 50 characters, specific rather than clever.", { subjectIsWriting: true })).toBe(false);
    expect(isMetaText("Sample document shipped with Planvas for the offline demo.", { subjectIsWriting: true })).toBe(true);
    expect(isMetaText("Make a specific promise and show the payoff:", { subjectIsWriting: true })).toBe(true);
  });
});

describe("isAboutItself", () => {
  it("a document about itself is set aside whole; a document about a subject is not", () => {
    expect(
      isAboutItself([
        "These documents are sample data shipped with Planvas so that the offline demo has something to search.",
        "They were written for the demo: figures are illustrative and the example.com links lead nowhere.",
        "Titles count more than body text when results are ranked.",
      ]),
    ).toBe(true);
    expect(
      isAboutItself(["Marketing teams spent 2024 and 2025 experimenting with generative AI.", "In 2026 the experiments are turning into operating models."]),
    ).toBe(false);
  });
});

describe("isWritingSubject", () => {
  it.each(["How to write X threads", "newsletter writing tips", "LinkedIn carousel design tips", "copywriting for founders", "release notes"])(
    "%s is about writing",
    (s) => expect(isWritingSubject(s)).toBe(true),
  );
  it.each(["AI trends", "AI trends in healthcare", "remote work productivity", "cybersecurity best practices", "electric vehicles"])("%s is not", (s) =>
    expect(isWritingSubject(s)).toBe(false),
  );
});
