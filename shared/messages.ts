import { z } from 'zod';

/**
 * Messages from the extension's pages and content scripts to its background
 * worker. The background validates every one: a content script runs inside
 * a page we do not control.
 */
export const ExtensionRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ticket-billing'), ticketId: z.number().int().positive().max(2_147_483_647) }),
  z.object({ type: z.literal('test-connection') }),
  z.object({ type: z.literal('status') }),
  z.object({ type: z.literal('sync-now') }),
  z.object({
    type: z.literal('time-entry-preview'),
    ticketId: z.number().int().positive().max(2_147_483_647).optional(),
    workRoleId: z.number().int().positive().max(2_147_483_647),
    workTypeId: z.number().int().positive().max(2_147_483_647),
    hours: z.string().regex(/^\d{1,3}(\.\d{1,2})?$/),
  }),
  z.object({ type: z.literal('agreement-billing'), agreementId: z.number().int().positive().max(2_147_483_647) }),
  z.object({ type: z.literal('invoice-overlap'), invoiceId: z.number().int().positive().max(2_147_483_647) }),
  z.object({ type: z.literal('company-billing'), companyId: z.number().int().positive().max(2_147_483_647) }),
]);
export type ExtensionRequest = z.infer<typeof ExtensionRequestSchema>;

export type ExtensionResponse<T = unknown> =
  | { ok: true; data: T }
  | { ok: false; error: { code: string; message: string; status: number } };

/** What the popup shows: who is connected, the quarantine (if the token may see it), the last sync. */
export interface ExtensionStatus {
  name: string;
  powers: string[];
  quarantineOpen: number | null;
  lastRun: { status: string; startedAt: string; added: number; quarantined: number } | null;
}
