import { NextRequest } from "next/server";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { config, proxy } from "../../proxy";
import { DOUBLE_TOKEN, sessionCookies, startGoTrueDouble, type GoTrueDouble } from "./testing/gotrue-double";

let gotrue: GoTrueDouble;
beforeAll(async () => {
  gotrue = await startGoTrueDouble();
});
afterAll(() => gotrue?.close());
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  gotrue.requests.length = 0;
});

const request = (path: string, cookie?: string) => new NextRequest(new URL(path, "http://planvas.test"), { headers: cookie ? { cookie } : {} });

describe("proxy", () => {
  it("without Supabase: pages without a local session cookie go to /login; /login, /setup, invitation links and /api pass; no network", async () => {
    vi.stubEnv("NEXT_PUBLIC_SUPABASE_URL", "");
    vi.stubEnv("NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY", "");
    vi.stubEnv("NEXT_PUBLIC_SUPABASE_ANON_KEY", "");
    const fetchSpy = vi.spyOn(globalThis, "fetch");
    for (const path of ["/login", "/setup", "/invite/pvi_abc", "/api/plans"]) {
      const res = await proxy(request(path));
      expect(res.headers.get("x-middleware-next"), path).toBe("1");
      expect(res.headers.get("location")).toBeNull();
    }
    const out = await proxy(request("/runs/abc?tab=steps"));
    expect(out.status).toBe(307);
    expect(new URL(out.headers.get("location")!).pathname + new URL(out.headers.get("location")!).search).toBe("/login?next=%2Fruns%2Fabc%3Ftab%3Dsteps");
    expect(new URL((await proxy(request("/"))).headers.get("location")!).search).toBe("");
    const signedIn = await proxy(request("/runs/abc", "planvas.session_token=abc.def"));
    expect(signedIn.headers.get("x-middleware-next")).toBe("1");
    expect(signedIn.headers.get("set-cookie")).toBeNull();
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  describe("with Supabase configured", () => {
    const configure = () => {
      vi.stubEnv("NEXT_PUBLIC_SUPABASE_URL", gotrue.url);
      vi.stubEnv("NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY", "sb_publishable_test_double");
    };

    it("redirects signed-out page requests to /login, keeping where they were going", async () => {
      configure();
      const res = await proxy(request("/runs/abc?tab=log"));
      expect(res.status).toBe(307);
      const location = new URL(res.headers.get("location")!);
      expect(location.pathname).toBe("/login");
      expect(location.searchParams.get("next")).toBe("/runs/abc?tab=log");
    });

    it("never redirects API requests or /login", async () => {
      configure();
      for (const path of ["/api/plans", "/login"]) {
        const res = await proxy(request(path));
        expect(res.headers.get("location")).toBeNull();
        expect(res.headers.get("x-middleware-next")).toBe("1");
      }
    });

    it("lets a verified session through", async () => {
      configure();
      const cookie = sessionCookies(gotrue.url, DOUBLE_TOKEN)
        .map((c) => `${c.name}=${c.value}`)
        .join("; ");
      const res = await proxy(request("/", cookie));
      expect(res.headers.get("location")).toBeNull();
      expect(res.headers.get("x-middleware-next")).toBe("1");
      expect(gotrue.requests).toEqual(["GET /auth/v1/user"]);
    });
  });

  it("does not run on API routes (it would buffer their bodies) or static assets", () => {
    const matcher = new RegExp(`^${config.matcher[0]}$`);
    expect(matcher.test("/")).toBe(true);
    expect(matcher.test("/plans/abc")).toBe(true);
    expect(matcher.test("/apis")).toBe(true);
    expect(matcher.test("/api/plans")).toBe(false);
    expect(matcher.test("/api/runs/abc/steps/x/decision")).toBe(false);
    expect(matcher.test("/api")).toBe(false);
    expect(matcher.test("/api/health")).toBe(false);
    expect(matcher.test("/_next/static/chunks/app.js")).toBe(false);
    expect(matcher.test("/icon.svg")).toBe(false);
  });
});
