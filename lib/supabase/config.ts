// The one place that reads the Supabase settings. Both values are public by design (the project
// URL and the publishable key, formerly "anon key", are meant for browsers; RLS protects the data),
// and they are read as literal `process.env.NEXT_PUBLIC_*` accesses so Next inlines them into the
// client bundle at build time. Never read a secret (service role / secret key) here.

export interface SupabasePublicConfig {
  url: string;
  /** The publishable key (`sb_publishable_…`) or the legacy anon key. */
  key: string;
}

/** Supabase's public settings, or null when Supabase is not configured (the embedded path). */
export function supabasePublicConfig(): SupabasePublicConfig | null {
  const url = process.env.NEXT_PUBLIC_SUPABASE_URL?.trim();
  const key = (process.env.NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY || process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY)?.trim();
  return url && key ? { url, key } : null;
}

export function isSupabaseConfigured(): boolean {
  return supabasePublicConfig() !== null;
}
