import { z } from 'zod';

/**
 * Messages from the extension's pages and content scripts to its background
 * worker. The background validates every one: a content script runs inside
 * a page we do not control.
 */
export const ExtensionRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ticket-billing'), ticketId: z.number().int().positive().max(2_147_483_647) }),
  z.object({ type: z.literal('test-connection') }),
]);
export type ExtensionRequest = z.infer<typeof ExtensionRequestSchema>;

export type ExtensionResponse<T = unknown> =
  | { ok: true; data: T }
  | { ok: false; error: { code: string; message: string; status: number } };
