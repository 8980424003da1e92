import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** What Manage POSTs to a callback URL (docs/connectwise/callbacks.md; samples/callback-contact-*.json). */
export const CallbackPayloadSchema = z.looseObject({
  MessageId: z.string().optional(),
  Action: z.enum(['added', 'updated', 'deleted']),
  Type: z.string().min(1),
  ID: z.number().int().positive(),
  Entity: z.string().nullable().optional(),
  Metadata: z.looseObject({ key_url: z.url() }),
});
export type CallbackPayload = z.infer<typeof CallbackPayloadSchema>;

/**
 * `x-content-signature` = base64(HMAC-SHA256(key = SHA-256(signing_key), message = the raw
 * body bytes)) (docs/connectwise/callbacks.md, DG snippet; AMP verifier hashes the raw bytes).
 */
export function callbackSignature(signingKey: string, rawBody: string | Uint8Array): string {
  const key = createHash('sha256').update(signingKey).digest();
  return createHmac('sha256', key).update(rawBody).digest('base64');
}

export function signatureMatches(expected: string, presented: string | undefined): boolean {
  if (!presented) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(presented.trim());
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The key_url comes from the (unverified) payload, so it is only fetched when it points at
 * the ConnectWise site we are connected to: otherwise anyone could sign with their own key.
 * Cloud sites serve the API on `api-na.…` and the key on `na.…`/`sandbox-na.…` of the same domain.
 */
export function keyUrlAllowed(keyUrl: string, site: string): boolean {
  const key = new URL(keyUrl);
  const api = new URL(site);
  if (key.hostname === api.hostname) return key.protocol === api.protocol;
  if (key.protocol !== 'https:') return false;
  const domain = (host: string) => host.split('.').slice(-2).join('.');
  return api.hostname.split('.').length >= 3 && domain(key.hostname) === domain(api.hostname);
}

export async function fetchSigningKey(keyUrl: string, clientId: string, fetchImpl: typeof fetch = fetch): Promise<string> {
  const response = await fetchImpl(keyUrl, { headers: { clientId }, signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`key_url answered ${response.status}`);
  const body = (await response.json()) as { signing_key?: unknown };
  if (typeof body.signing_key !== 'string' || body.signing_key === '') throw new Error('key_url gave no signing_key');
  return body.signing_key;
}
