import { createHash, createHmac } from 'node:crypto';

/**
 * Manage signs each callback body: header `x-content-signature` =
 * base64(HMAC-SHA256(key = SHA-256(signing_key), message = the body)), the
 * signing key being fetched from the payload's `Metadata.key_url` as
 * `{"signing_key": "..."}` (DG C# snippet; CWR `verifyMessage`; AMP
 * `verifier.go` hashes the raw body bytes, docs/connectwise/callbacks.md). The simulator signs
 * the exact bytes it sends.
 */
export function contentSignature(body: Uint8Array | string, signingKey: string): string {
  const key = createHash('sha256').update(signingKey, 'utf8').digest();
  return createHmac('sha256', key).update(body).digest('base64');
}
