import { createBrowserClient } from "@supabase/ssr";
import type { SupabaseClient } from "@supabase/supabase-js";
import { supabasePublicConfig } from "./config";

let client: SupabaseClient | undefined;

/**
 * The browser's Supabase client (session in cookies, shared with server-rendered requests), one per
 * page; null when Supabase is not configured.
 */
export function getSupabaseBrowserClient(): SupabaseClient | null {
  if (client) return client;
  const config = supabasePublicConfig();
  if (!config) return null;
  client = createBrowserClient(config.url, config.key);
  return client;
}
