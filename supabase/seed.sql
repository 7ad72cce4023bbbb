-- Sample documents for the workspace knowledge base, so the offline demo has something to search.
-- SAMPLE DATA: written for the demo; figures are illustrative, not sourced, and the example.com
-- URLs lead nowhere. Safe to run more than once (fixed ids, on conflict do nothing). Planvas runs
-- this file itself once on an embedded database (lib/knowledge/seed.ts); on Supabase it runs with
-- `supabase db reset`. Planvas creates its local owner itself when it runs without Supabase Auth.

insert into public.documents (id, owner_id, title, format, source_url, is_sample, created_at, content) values
('5a3b1e00-0000-4000-8000-000000000001', null, 'AI marketing trends in 2026', 'markdown',
 'https://example.com/samples/ai-marketing-trends-2026', true, now() - interval '12 minutes', $md$# AI marketing trends in 2026

Marketing teams spent 2024 and 2025 experimenting with generative AI. In 2026 the experiments are
turning into operating models. Five trends stand out.

## 1. Agents run campaigns, people approve them

AI agents now draft briefs, build audience segments, write variants and schedule posts. The
winning teams keep a **human approval gate** before anything is published: brand risk did not go
away because the copy got faster.

## 2. Search becomes answers

Buyers ask assistants instead of typing keywords. "Generative engine optimisation" means writing
clear, well-structured pages that an AI model can quote, with facts, dates and named sources.

## 3. Personalisation at the level of one

Product descriptions, emails and landing pages are assembled per visitor from approved building
blocks. The constraint is no longer production cost but data quality and consent.

## 4. First-party data and privacy

With third-party cookies fading, brands invest in newsletters, communities and loyalty programmes
that give them their own audience data, collected with explicit consent.

## 5. Measurement with marketing mix models

Attribution by last click is unreliable. Lightweight marketing mix models, often built with AI
assistance, estimate what each channel contributes and are re-run every month.

## What to do this quarter

- Pick one workflow (for example a weekly LinkedIn carousel) and automate it end to end.
- Write down your brand voice so that models and new hires use the same guide.
- Decide which steps always need a human sign-off.

*Sample document shipped with Planvas for the offline demo; figures and claims are illustrative.*
$md$),

('5a3b1e00-0000-4000-8000-000000000002', null, 'LinkedIn carousel best practices', 'markdown',
 'https://example.com/samples/linkedin-carousel-best-practices', true, now() - interval '11 minutes', $md$# LinkedIn carousel best practices

Carousels (PDF documents uploaded to a LinkedIn post) keep readers swiping, and every swipe tells
the feed that the post is worth showing to more people. A good carousel is a short story, not a
slide deck.

## Structure

1. **Hook slide**: one bold promise in under ten words ("5 AI trends marketers can't ignore").
2. **Context slide**: why it matters now, in one sentence.
3. **One idea per slide**: a headline, two lines of support, one visual.
4. **Summary slide**: the list of points in one view, easy to screenshot.
5. **Call to action**: ask a question, invite a follow, or point to a resource.

Six to ten slides is the sweet spot; more than twelve loses readers.

## Design

- Use a 4:5 portrait format (1080 × 1350 px) so slides fill the mobile screen.
- Large type: at least 40 px for headlines; most people read on a phone.
- Consistent colours and a small logo or handle on every slide.
- Number the slides so readers know how far they are.

## Copy

- Write the post text as a teaser; do not repeat the whole carousel.
- Put the main keyword in the first line of the post and on the hook slide.
- End with a question to start comments; reply to them in the first hour.

## Common mistakes

Walls of text, tiny fonts, a weak first slide and a missing call to action. Review the carousel on
a phone before publishing, and let someone approve it.

*Sample document shipped with Planvas for the offline demo.*
$md$),

('5a3b1e00-0000-4000-8000-000000000003', null, 'Remote work productivity: what actually helps', 'markdown',
 'https://example.com/samples/remote-work-productivity', true, now() - interval '10 minutes', $md$# Remote work productivity: what actually helps

Remote and hybrid work are now the default for many knowledge workers. Productivity depends less
on where people sit than on how the team communicates.

## Write things down

Remote teams that thrive are **writing cultures**. Decisions, plans and meeting notes live in a
shared workspace, so nobody needs to be online at the same time to stay informed.

## Protect focus time

- Block two to three hours of deep work a day and mark it in the calendar.
- Batch notifications; turn chat off during focus blocks.
- Agree on response-time expectations: chat within a few hours, email within a day.

## Fewer, better meetings

Every recurring meeting needs an owner, an agenda and a reason to exist. Replace status meetings
with short written updates; keep live time for decisions and difficult conversations.

## Asynchronous by default

Record a short video walkthrough instead of scheduling a call. Use threads, not direct messages,
so that context is searchable later.

## Look after people

Isolation is the main risk of remote work. Regular one-to-ones, informal video coffees and an
annual in-person gathering keep trust high. A proper chair, a second screen and a quiet space
matter more than any productivity app.

## Measure outcomes, not hours

Track delivered work (shipped features, closed tickets, published posts) instead of online
status. Teams that measure outcomes report less burnout and better results.

*Sample document shipped with Planvas for the offline demo.*
$md$),

('5a3b1e00-0000-4000-8000-000000000004', null, 'Electric vehicle market 2026: news and outlook', 'markdown',
 'https://example.com/samples/electric-vehicle-market-2026', true, now() - interval '9 minutes', $md$# Electric vehicle market 2026: news and outlook

Electric vehicles (EVs) keep gaining share of new car sales, but the picture differs sharply by
region. This overview summarises the themes shaping the EV market in 2026.

## Prices come down

Battery pack prices have fallen for years, and cheaper chemistries such as **LFP** (lithium iron
phosphate) now power most entry-level models. Several manufacturers sell compact EVs at prices
close to comparable petrol cars.

## China leads, Europe and the US diverge

China remains the largest EV market and the biggest exporter of affordable electric cars. Europe
continues to grow under CO2 fleet targets, while US adoption depends heavily on incentives and
charging coverage.

## Charging is the bottleneck

Drivers rank charging availability above range as their main concern. Investment focuses on fast
chargers along highways and on reliable, well-maintained stations; broken chargers hurt
confidence more than missing ones.

## Beyond cars

Electric buses, delivery vans and two-wheelers are electrifying faster than private cars in many
cities, because their routes are predictable and running costs matter most.

## What to watch

- Solid-state and sodium-ion batteries moving from pilots to small-volume production.
- Used-EV prices and battery health certificates.
- Vehicle-to-grid services that pay owners for storing energy.

*Sample document shipped with Planvas for the offline demo; market statements are illustrative, not current data.*
$md$),

('5a3b1e00-0000-4000-8000-000000000005', null, 'The four-day work week debate', 'markdown',
 'https://example.com/samples/four-day-work-week', true, now() - interval '8 minutes', $md$# The four-day work week debate

The four-day work week — usually 32 hours for the same pay — has moved from a curiosity to a
serious policy debate. Pilots in several countries have given both sides new arguments.

## The case for

- **Productivity holds**: many pilot companies report similar output in fewer hours, because
  people cut low-value meetings and interruptions.
- **Wellbeing improves**: participants report less stress and burnout and better sleep.
- **Hiring and retention**: a shorter week is a strong benefit in a tight labour market.

## The case against

- **Not every job compresses**: shift work, healthcare and customer support need coverage, so a
  shorter week means hiring more people.
- **Intensity**: squeezing five days into four can raise pressure on the remaining days.
- **Selection bias**: companies that volunteer for pilots are often the ones most likely to
  succeed.

## Models companies use

1. A fixed extra day off for everyone (often Friday).
2. Staggered days off so the team is always reachable.
3. "Nine-day fortnight" as a gentler step.
4. Compressed hours: 40 hours in four longer days — which critics say misses the point.

## How to run a pilot

Agree on measurable goals before you start, run the trial for at least three to six months,
collect both output metrics and wellbeing surveys, and decide in advance what happens if the
results are mixed.

*Sample document shipped with Planvas for the offline demo.*
$md$),

('5a3b1e00-0000-4000-8000-000000000006', null, 'Notion and its competitors: Coda, Obsidian, ClickUp, Confluence', 'markdown',
 'https://example.com/samples/notion-alternatives', true, now() - interval '7 minutes', $md$# Notion and its competitors: Coda, Obsidian, ClickUp, Confluence

**Notion** popularised the all-in-one workspace: pages, databases, wikis and project boards built
from flexible blocks, now with built-in AI assistance. Its competitors each take a different angle.

## Coda

Coda treats documents as applications. Tables, formulas and buttons ("Packs" connect other tools)
make it strong for teams that want docs that *do* things — trackers, calculators, lightweight
internal tools.

## Obsidian

Obsidian is a local-first Markdown editor. Notes are plain files on your disk, linked with
backlinks and shown as a graph. It is popular for personal knowledge management, works offline,
and has a large plugin ecosystem; sync and publishing are paid add-ons.

## ClickUp

ClickUp is project management first: tasks, sprints, time tracking, goals and dashboards, with
docs attached. Teams choose it when task workflows matter more than free-form pages.

## Confluence

Atlassian's Confluence is the enterprise wiki, tightly integrated with Jira. It offers mature
permissions, page templates and compliance features expected by large organisations.

## How to choose

| Need | Good fit |
|---|---|
| Flexible team wiki and light databases | Notion |
| Docs with formulas and automations | Coda |
| Private notes, offline, plain files | Obsidian |
| Task-heavy project management | ClickUp |
| Enterprise documentation with Jira | Confluence |

Try the two best candidates with a real project for two weeks; migration costs are higher than
they look, so pick the one your team will actually keep updated.

*Sample document shipped with Planvas for the offline demo.*
$md$),

('5a3b1e00-0000-4000-8000-000000000007', null, 'Cybersecurity tips for small businesses', 'markdown',
 'https://example.com/samples/small-business-cybersecurity', true, now() - interval '6 minutes', $md$# Cybersecurity tips for small businesses

Small businesses are frequent targets: attackers know they have valuable data and fewer defences.
Most incidents start with a stolen password or a convincing phishing email, so the basics prevent
the majority of attacks.

## The essentials

1. **Turn on multi-factor authentication (MFA)** for email, banking, cloud storage and admin
   accounts. Prefer an authenticator app or security key over SMS codes.
2. **Use a password manager** so every account has a long, unique password.
3. **Update everything**: enable automatic updates for operating systems, browsers, routers and
   plugins.
4. **Back up** important data following the 3-2-1 rule: three copies, two media, one off-site —
   and test restoring it.
5. **Train people to spot phishing**: urgent payment requests, changed bank details and unexpected
   attachments deserve a phone call to verify.

## Reduce the damage

- Give each person only the access they need, and remove accounts when someone leaves.
- Separate admin accounts from everyday accounts.
- Keep an inventory of devices and the software you pay for.
- Encrypt laptops and phones so a lost device is not a data breach.

## Have a plan

Write a one-page incident plan: who to call, how to disconnect affected machines, where backups
are, and how to inform customers if personal data is involved. Review it once a year.

Security is a habit, not a product: a few minutes every month beats a big project once.

*Sample document shipped with Planvas for the offline demo.*
$md$),

('5a3b1e00-0000-4000-8000-000000000008', null, 'Specialty coffee trends and launching a new coffee blend', 'markdown',
 'https://example.com/samples/specialty-coffee-blend-launch', true, now() - interval '5 minutes', $md$# Specialty coffee trends and launching a new coffee blend

Specialty coffee — beans scoring 80 points or more on the SCA scale — keeps growing as drinkers
trade up from commodity coffee at home.

## Trends

- **Traceability**: buyers want the farm, the producer and the processing method on the bag.
- **Experimental processing**: anaerobic and carbonic-maceration coffees bring fruit-forward,
  wine-like flavours.
- **Cold brew and ready-to-drink** formats grow fastest among younger customers.
- **Climate pressure** on arabica yields pushes roasters to diversify origins and to look again at
  high-quality robusta and lesser-known species.
- **Subscriptions** give roasters predictable demand and customers freshness.

## Launching a blend

1. **Define the cup**: who is it for and how will they brew it? An espresso blend for milk drinks
   needs body and chocolate notes; a filter blend can be brighter.
2. **Choose components**: a base coffee for body (often Brazil), plus a smaller share of a washed
   Ethiopian or Kenyan for acidity and aroma.
3. **Roast and cup**: test ratios (for example 70/30 and 60/40) and roast profiles; cup blind with
   a small panel.
4. **Name and story**: a memorable name, tasting notes in plain words, and the origin story.
5. **Launch**: a limited first batch, a tasting event or sample packs, and an email to your list.

Price for the value: specialty buyers accept a premium when quality and story are clear.

*Sample document shipped with Planvas for the offline demo.*
$md$),

('5a3b1e00-0000-4000-8000-000000000009', null, 'Newsletter writing best practices', 'markdown',
 'https://example.com/samples/newsletter-writing-best-practices', true, now() - interval '4 minutes', $md$# Newsletter writing best practices

An email newsletter is one of the few channels you own: no algorithm decides who sees it. The
best newsletters are useful, personal and predictable.

## Before you write

- **Know the reader**: write for one specific person and the problem they have this week.
- **Pick a format and a rhythm**: weekly or fortnightly, on the same day, with recurring sections
  people learn to expect.

## Subject lines and preview text

Keep subject lines under about 50 characters, specific rather than clever ("3 pricing mistakes
we fixed in Q3"). Use the preview text to add a second reason to open.

## The body

1. Open with the most valuable item — not housekeeping.
2. One main idea per issue; link out for depth.
3. Short paragraphs, descriptive headings, bullet lists for skimmers.
4. One primary call to action, repeated at most once.
5. Sign with a real name; write like a person, not a brand.

## Grow and keep subscribers

- Put a sign-up form on every page and explain what people get and how often.
- Send a welcome email with your best past issues.
- Remove inactive subscribers regularly; a smaller engaged list has better deliverability.

## Measure

Open rates are unreliable since mail privacy protection; watch clicks, replies and unsubscribes
per issue. Ask readers directly what they want more of.

*Sample document shipped with Planvas for the offline demo.*
$md$),

('5a3b1e00-0000-4000-8000-000000000010', null, 'Product update announcement: Q3 release notes', 'markdown',
 'https://example.com/samples/q3-release-notes', true, now() - interval '3 minutes', $md$# Product update announcement: Q3 release notes

*An example of the release-notes style: what changed, why it matters, and what to do next.*

## Highlights

- **Faster search** — results now appear as you type, and searching a workspace of 10,000
  documents takes under a second.
- **Approval gates** — any step that publishes content can require a sign-off before it runs.
  Approvers get a notification with a preview.
- **Version history** — every save creates a version you can compare and restore.

## Improvements

- Import plans from JSON files by drag and drop.
- Dark mode follows your system setting.
- Keyboard shortcut `Ctrl/⌘ + S` saves the current plan.
- Exported files keep the original field order.

## Fixes

- Fixed a crash when a plan had no steps.
- Fixed time zones in the activity list.
- Long titles no longer overflow the sidebar.

## Deprecations

The legacy CSV export will be removed next quarter; use JSON export instead.

## Writing your own release notes

Lead with benefits, not internal ticket names. Group changes as highlights, improvements and
fixes. Add a screenshot or a short GIF for every highlight, link to documentation, and publish the
same notes in the app, on the blog and in the newsletter so customers hear one story.

*Sample document shipped with Planvas for the offline demo; the product and its features are fictional.*
$md$),

('5a3b1e00-0000-4000-8000-000000000011', null, 'How to write X (Twitter) threads that people finish', 'markdown',
 'https://example.com/samples/writing-x-twitter-threads', true, now() - interval '2 minutes', $md$# How to write X (Twitter) threads that people finish

A thread is a series of connected posts on X (formerly Twitter). Threads work when each post earns
the next one.

## The hook

The first post decides everything. Make a specific promise and show the payoff:

> I analysed 100 product launches. 7 patterns separated the hits from the flops. 🧵

Avoid vague openers like "Some thoughts on marketing".

## Structure

1. **Hook** — the promise.
2. **Context** — one post on why this matters.
3. **Body** — one idea per post, numbered (1/8, 2/8 …) so readers know the length.
4. **Summary** — the key points in one post, easy to quote.
5. **Call to action** — follow for more, a link to the newsletter, or a question.

Five to twelve posts is plenty; cut anything that repeats.

## Style

- Short sentences and line breaks; one idea per line.
- Concrete numbers, names and examples beat adjectives.
- Add an image, chart or screenshot every few posts.
- Keep links out of the first post; put them at the end.

## Publishing

Post when your audience is online, reply to early comments, and quote-post the thread a day later
with a new angle. Turn the best-performing threads into a LinkedIn carousel or a newsletter issue.

*Sample document shipped with Planvas for the offline demo.*
$md$),

('5a3b1e00-0000-4000-8000-000000000012', null, 'About these sample documents', 'markdown',
 'https://example.com/samples/about-planvas-samples', true, now() - interval '1 minutes', $md$# About these sample documents

These documents are **sample data shipped with Planvas** so that the offline demo has something
to search. They were written for the demo: figures are illustrative and the example.com links
lead nowhere.

## How the knowledge base works

- The `web_search` tool searches this knowledge base by default, using PostgreSQL full-text search,
  so plans can run without an internet connection or an API key.
- Titles count more than body text when results are ranked.
- Search understands quotes for phrases, `or` between alternatives and a minus sign to exclude a
  word, for example `"work week" -remote`.
- When nothing matches all the words, documents that match some of them are shown, best first.

## Adding your own documents

Open **Knowledge** in the header and choose **Add document**: paste text or Markdown, upload a
`.md` or `.txt` file, or import a web page by its URL.

## Removing the samples

Delete any sample from the list. Deleted samples do not come back when the app restarts; the
workspace remembers that it already received them.

*Sample document shipped with Planvas for the offline demo.*
$md$)
on conflict (id) do nothing;
