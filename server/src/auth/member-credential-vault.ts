/**
 * The member hash each pod session signed in with, kept in memory only (never
 * written to the database or logs), so that writes made on a member's behalf
 * go to ConnectWise with that member's own credentials and Manage's security
 * roles still apply. Lost on restart: the pod then signs in again.
 */
export class MemberCredentialVault {
  private readonly byToken = new Map<string, { memberId: string; memberHash: string; until: number }>();

  remember(tokenId: string, memberId: string, memberHash: string, until: number): void {
    this.byToken.set(tokenId, { memberId, memberHash, until });
  }

  forToken(tokenId: string, now: number): { memberId: string; memberHash: string } | null {
    const entry = this.byToken.get(tokenId);
    if (!entry) return null;
    if (entry.until <= now) {
      this.byToken.delete(tokenId);
      return null;
    }
    return { memberId: entry.memberId, memberHash: entry.memberHash };
  }
}
