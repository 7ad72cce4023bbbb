import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LIMITS, lengthTarget } from "../../tools/format_post/limits";
import { parseFeedback } from "./feedback";
import { isMetaText } from "./meta";
import { countWords, sentences } from "./text";
import { hashtags, headingFrom, subjectOf, writeOutline, writePost, writeSummary, type PostTask } from "./writer";

// The sample documents the offline demo searches (supabase/seed.sql): the material the writer meets.
const SEED = readFileSync(path.join(import.meta.dirname, "../../../supabase/seed.sql"), "utf8");
const DOCS = [...SEED.matchAll(/\$md\$([\s\S]*?)\$md\$/g)].map((m) => m[1]!);
const doc = (title: RegExp) => DOCS.find((d) => title.test(d.split("\n")[0]!))!;
const AI = doc(/AI marketing trends/);
const CAROUSEL_GUIDE = doc(/LinkedIn carousel best practices/);
const THREAD_GUIDE = doc(/X \(Twitter\) threads/);
const REMOTE = doc(/Remote work/);
const FOUR_DAY = doc(/four-day/);

const task = (t: Partial<PostTask>): PostTask => ({
  kind: "format_post",
  platform: "linkedin",
  format: "post",
  topic: "AI trends",
  tone: null,
  maxChars: LIMITS[t.platform ?? "linkedin"].maxChars,
  maxSlides: LIMITS[t.platform ?? "linkedin"].maxSlides,
  ...t,
});
const allText = (d: { text: string; slides: { title: string; body: string }[] | null; posts: string[] | null }) =>
  [d.text, ...(d.slides ?? []).flatMap((s) => [s.title, s.body]), ...(d.posts ?? [])].join("\n");

describe("the offline writer keeps meta-text out of content", () => {
  const material = [AI, CAROUSEL_GUIDE, THREAD_GUIDE];
  it.each([
    ["carousel", task({ format: "carousel" })],
    ["LinkedIn post", task({})],
    ["X thread", task({ platform: "x", format: "thread" })],
    ["blog article", task({ platform: "blog", format: "article" })],
  ])("a %s about AI trends quotes no writing advice from the guides it found", (_, t) => {
    const out = allText(writePost(t, material, [], "Research AI trends and write a LinkedIn carousel"));
    expect(out).not.toMatch(/Review the carousel on a phone|one idea per post|\(1\/8|Hook slide|Number the slides|Sample document|swipe/i);
    // The writer's own caption line ("6 takeaways in the carousel:") aside, nothing reads as advice.
    for (const s of sentences(out).filter((x) => !/takeaways in the carousel:$/.test(x))) expect(isMetaText(s), s).toBe(false);
  });

  it("the carousel's headings are whole phrases: the material's own section headings", () => {
    const d = writePost(task({ format: "carousel" }), material, [], "Research AI trends and write a LinkedIn carousel");
    const titles = d.slides!.slice(1).map((s) => s.title);
    expect(titles).toContain("Agents run campaigns, people approve them");
    expect(titles).toContain("Search becomes answers");
    for (const t of titles) expect(t).not.toMatch(/\b(?:a|an|the|and|of|to|with|for)$/i);
  });

  it("hashtags come from the subject, never from the format", () => {
    const d = writePost(task({ format: "carousel", topic: "Research AI trends and write a LinkedIn carousel" }), material, [], "");
    expect(d.hashtags).toContain("#AI");
    expect(d.hashtags!.join(" ")).not.toMatch(/#(?:Linkedin|LinkedIn|Carousel|Trends|Post|Research|Write)\b/);
  });
});

describe("subjects, hashtags and headings", () => {
  it.each([
    ["Research AI trends and write a LinkedIn carousel", "AI trends"],
    ["AI trends, translated into Spanish", "AI trends"],
    ["Write a blog post about remote work productivity", "remote work productivity"],
    ["AI trends in healthcare", "AI trends in healthcare"],
  ])("the subject of %s is %s", (topic, subject) => expect(subjectOf(topic)).toBe(subject));

  it.each([
    ["AI trends in healthcare", ["#AI", "#Healthcare"]],
    ["remote work productivity", ["#RemoteWork", "#Productivity"]],
    ["the four-day work week", ["#FourDayWorkWeek"]],
    ["cybersecurity tips for small businesses", ["#Cybersecurity", "#SmallBusinesses"]],
    ["AI trends LinkedIn carousel", ["#AI", "#AITrends"]],
    ["AI trends translated into Spanish", ["#AI", "#AITrends"]],
  ])("hashtags of %s", (subject, tags) => expect(hashtags(subject, 5)).toEqual(tags));

  it.each([
    ["With third-party cookies fading, brands invest in newsletters, communities and loyalty programmes.", "Brands invest in newsletters"],
    ["Lightweight marketing mix models, often built with AI assistance, estimate what each channel contributes.", "Lightweight marketing mix models"],
    ["Buyers ask assistants instead of typing keywords.", "Buyers ask assistants instead of typing keywords"],
    ["The winning teams keep a human approval gate before anything is published and brand risk did not go away.", "The winning teams"],
  ])("a heading from %s is the whole phrase %s", (sentence, heading) => expect(headingFrom(sentence)).toBe(heading));
});

describe("length fits the platform and format", () => {
  it("a blog article is an article: several sections, hundreds of words when the material has them", () => {
    const d = writePost(task({ platform: "blog", format: "post", topic: "AI marketing trends" }), [AI, REMOTE, FOUR_DAY], [], "");
    expect(d.text.match(/^## /gm)!.length).toBeGreaterThanOrEqual(4);
    expect(d.text).toMatch(/^# /);
    // Nearly all of the one on-topic document (about 260 words of content), none of the off-topic ones.
    expect(countWords(d.text)).toBeGreaterThan(180);
    expect(d.text).not.toMatch(/remote|four-day/i);
  });
  it("a short blog article says the material was too thin instead of passing for a full one", () => {
    const d = writePost(task({ platform: "blog", format: "article", topic: "remote work productivity" }), [REMOTE], [], "");
    expect(countWords(d.text)).toBeLessThan(lengthTarget("blog", "article").minWords);
    expect(d.notes?.join(" ")).toMatch(/only enough for about \d+ words/);
  });
  it("an X post fits 280 characters; a thread's posts each fit", () => {
    expect(writePost(task({ platform: "x" }), [AI], [], "").text.length).toBeLessThanOrEqual(280);
    const thread = writePost(task({ platform: "x", format: "thread", topic: "the four-day work week" }), [FOUR_DAY], [], "");
    for (const p of thread.posts!) expect(p.length).toBeLessThanOrEqual(280);
    expect(thread.posts!.length).toBeGreaterThanOrEqual(4);
  });
  it("a LinkedIn post is a few short paragraphs within LinkedIn's limit", () => {
    const d = writePost(task({ topic: "AI marketing trends" }), [AI], [], "");
    expect(d.text.length).toBeLessThanOrEqual(3000);
    expect(d.text.length).toBeGreaterThan(300);
    expect(d.text.split("\n\n").length).toBeGreaterThanOrEqual(3);
  });
  it("a carousel has a cover and several slides, each body whole sentences within 240 characters", () => {
    const d = writePost(task({ format: "carousel" }), [AI], [], "");
    expect(d.slides!.length).toBeGreaterThanOrEqual(5);
    for (const s of d.slides!) expect(s.body.length).toBeLessThanOrEqual(240);
    // The cover's sentence is not repeated on a slide.
    const cover = d.slides![0]!.body;
    for (const s of d.slides!.slice(1)) expect(s.body).not.toContain(cover);
  });
});

describe("honesty: what the offline model cannot do, it says", () => {
  it("a translation step returns the post it was asked to translate, unchanged, with a note", () => {
    const source = { toolName: "format_post", output: { text: "AI agents now draft briefs.", slides: null, posts: null, hashtags: ["#AI"] } };
    const d = writePost(task({ topic: "AI trends, translated into Spanish", tone: "natural, written in Spanish" }), [AI], [source], "");
    expect(d.text).toBe("AI agents now draft briefs.");
    expect(d.hashtags).toEqual(["#AI"]);
    expect(d.notes!.join(" ")).toMatch(/cannot translate: the text below is in English, not Spanish.*OPENAI_BASE_URL/);
  });
  it("a tone it cannot produce is named in the notes; a plain one is not", () => {
    expect(writePost(task({ tone: "playful" }), [AI], [], "").notes!.join(" ")).toMatch(/cannot write in a playful tone/);
    expect(writePost(task({ tone: "professional" }), [AI], [], "").notes).toBeNull();
  });
});

describe("revisions apply what the feedback asks", () => {
  const base = writePost(task({ topic: "AI marketing trends" }), [AI], [], "");
  it("shorter", () => {
    const d = writePost(task({ topic: "AI marketing trends" }), [AI], [], "", { feedback: [parseFeedback("Make it shorter please")] });
    expect(d.text.length).toBeLessThan(base.text.length);
  });
  it("longer", () => {
    const short = task({ platform: "x", topic: "AI marketing trends" });
    const a = writeSummary({ kind: "summarize", focus: "AI marketing", maxWords: 40 }, [AI], "");
    const b = writeSummary({ kind: "summarize", focus: "AI marketing", maxWords: 40 }, [AI], "", { feedback: [parseFeedback("Longer, with more detail")] });
    expect(countWords(b.summary)).toBeGreaterThan(countWords(a.summary));
    expect(writePost(short, [AI], [], "").text.length).toBeLessThanOrEqual(280);
  });
  it("drop a point", () => {
    expect(base.text).toMatch(/cookies/);
    const d = writePost(task({ topic: "AI marketing trends" }), [AI], [], "", { feedback: [parseFeedback("Drop the point about cookies")] });
    expect(d.text).not.toMatch(/cookies/);
  });
  it("keep only a point", () => {
    const o = writeOutline({ kind: "outline", topic: "AI marketing trends", sections: 5 }, [AI], "", {
      feedback: [parseFeedback("Only keep the part about measurement")],
    });
    expect(o.sections.flatMap((s) => s.points).join(" ")).toMatch(/attribution|marketing mix/i);
    expect(o.sections.flatMap((s) => s.points).join(" ")).not.toMatch(/cookies/);
  });
  it("another angle: other sentences than the rejected version", () => {
    const rejected = new Set(sentences(base.text).map((s) => s.slice(0, 50)));
    const d = writePost(task({ topic: "AI marketing trends" }), [AI], [], "", { feedback: [parseFeedback("Try a different angle")], rejected });
    for (const s of sentences(d.text).filter((x) => !x.startsWith("#"))) expect(rejected.has(s.slice(0, 50)), s).toBe(false);
  });
  it("feedback it cannot act on changes nothing (the run view then says so)", () => {
    const d = writePost(task({ topic: "AI marketing trends" }), [AI], [], "", { feedback: [parseFeedback("I don't like it")] });
    expect(d.text).toBe(base.text);
  });
});

describe("parseFeedback", () => {
  it.each([
    ["Make it shorter", { shorter: true }],
    ["Too long, trim it", { shorter: true }],
    ["Longer please, more detail", { longer: true }],
    ["Drop the point about cookies", { drop: ["cookies"] }],
    ["Remove the slide on pricing.", { drop: ["pricing"] }],
    ["Only keep the part about measurement", { only: ["measurement"] }],
    ["Try another angle", { angle: true }],
    ["Translate into Spanish", { translate: "Spanish" }],
    ["Make it more playful", { tone: "playful" }],
    ["Different colours and a new layout", { composition: true }],
    ["Make it minimalist", { style: "minimal" }],
  ])("%s", (text, expected) => expect(parseFeedback(text)).toMatchObject(expected));
});
