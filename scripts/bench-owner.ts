// Benchmarks start fresh installations: create the owner account the way a person does (/api/setup),
// then act with its API token (HTTP) and session cookie (browser pages).
export interface Owner {
  token: string;
  cookie: string;
  /** For Playwright's context.addCookies. */
  cookies: { name: string; value: string; url: string }[];
}

export async function setUpOwner(base: string): Promise<Owner> {
  const res = await fetch(`${base}/api/setup`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "bench@planvas.test", password: "benchmark owner", name: "Benchmark" }),
  });
  if (res.status !== 201) throw new Error(`setup answered ${res.status}: ${await res.text()}`);
  const { token } = (await res.json()) as { token: string };
  const pairs = res.headers.getSetCookie().map((c) => c.split(";")[0]!);
  return {
    token,
    cookie: pairs.join("; "),
    cookies: pairs.map((p) => ({ name: p.slice(0, p.indexOf("=")), value: p.slice(p.indexOf("=") + 1), url: base })),
  };
}
