// The members and invitations API's bodies and errors, shared by the route handlers under
// app/api/workspace and app/api/invitations.
import { z } from "zod";
import { apiError } from "../http/json";
import { InvitationError } from "./invitations";
import { MemberError } from "./members";
import { ROLES } from "./roles";

export const updateMemberBody = z
  .object({ role: z.enum(ROLES).optional(), approver: z.boolean().optional() })
  .strict()
  .refine((b) => b.role !== undefined || b.approver !== undefined, { message: "say what to change: role, approver or both", path: ["role"] });

export const createInvitationBody = z
  .object({
    role: z.enum(["admin", "editor", "viewer"], { message: 'one of "admin", "editor", "viewer" (owners are made from members)' }),
    approver: z.boolean().optional(),
    email: z.string().trim().toLowerCase().email("an address like name@example.com").max(320).optional(),
    ttlDays: z.number().int().min(1).max(30).optional(),
  })
  .strict();

export const joinBody = z
  .object({ name: z.string().trim().min(1).max(200), email: z.string().trim().min(3).max(320), password: z.string().min(1).max(200) })
  .strict();

/** Where an invitation token's link opens. */
export const invitationPath = (token: string) => `/invite/${token}`;

/** The 403/404/409/410 a members or invitations refusal is, naming its rule; anything else is rethrown. */
export function workspaceErrorResponse(e: unknown, field = "(request)"): Response {
  if (e instanceof MemberError || e instanceof InvitationError) return apiError(e.status, e.message, [{ path: field, message: `${e.rule}: ${e.message}` }]);
  throw e;
}
