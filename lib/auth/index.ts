/** Who is acting. With Supabase Auth configured this comes from the session; otherwise it is the
 * single owner of this local workspace. */
export interface User {
  id: string;
  name: string;
  email?: string;
}

export const LOCAL_OWNER: User = {
  id: "00000000-0000-4000-8000-000000000001",
  name: "Local owner",
  email: "owner@planvas.local",
};

export async function getCurrentUser(): Promise<User> {
  return LOCAL_OWNER;
}
