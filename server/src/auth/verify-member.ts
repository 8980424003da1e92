import type { ConnectWiseClient } from '../connectwise/client.js';
import { ConnectWiseRejectedError } from '../connectwise/errors.js';

export type MemberVerdict = { ok: true; identifier: string; fullName: string } | { ok: false; reason: 'rejected' | 'identity-mismatch' };

/**
 * Confirms that a member hash handed to the pod by the Hosted API belongs to
 * the member it claims, by asking ConnectWise (docs/connectwise/hosted-api.md#validating-memberhash-on-the-server): Basic
 * `companyId+memberId:memberHash` on `/system/myMembers/info`; 401 means a
 * wrong or expired hash; the identifier returned must equal the claimed one,
 * so nobody can present another member's hash. The company id comes from our
 * settings, never from the browser.
 */
export async function verifyMemberHash(cw: ConnectWiseClient, memberId: string, memberHash: string): Promise<MemberVerdict> {
  try {
    const info = await cw.asMember(memberId, memberHash).get<{ identifier?: string; fullName?: string }>('/system/myMembers/info');
    if (typeof info?.identifier !== 'string' || info.identifier.toLowerCase() !== memberId.toLowerCase()) {
      return { ok: false, reason: 'identity-mismatch' };
    }
    return { ok: true, identifier: info.identifier, fullName: info.fullName ?? info.identifier };
  } catch (error) {
    if (error instanceof ConnectWiseRejectedError && (error.status === 401 || error.status === 403))
      return { ok: false, reason: 'rejected' };
    throw error;
  }
}
