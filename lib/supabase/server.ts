import { createServerClient } from "@supabase/ssr";
import type { SupabaseClient } from "@supabase/supabase-js";
import { cookies } from "next/headers";
import { supabasePublicConfig } from "./config";

/**
 * A Supabase client for one server request (Server Components, Route Handlers, Server Functions),
 * with the session in the request's cookies; null when Supabase is not configured. Create a new
 * one per request, never share it.
 */
export async function createSupabaseServerClient(): Promise<SupabaseClient | null> {
  const config = supabasePublicConfig();
  if (!config) return null;
  const store = await cookies();
  return createServerClient(config.url, config.key, {
    cookies: {
      getAll: () => store.getAll(),
      setAll(cookiesToSet) {
        try {
          for (const { name, value, options } of cookiesToSet) store.set(name, value, options);
        } catch {
          // Called from a Server Component, where cookies are read-only. proxy.ts refreshes the
          // session cookies on every page request, so this write can be skipped. (Route handlers,
          // which the proxy does not run for, can write them: their refresh lands here.)
        }
      },
    },
  });
}
