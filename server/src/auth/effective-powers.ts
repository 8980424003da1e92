import { isPower, type Power } from '../../../shared/powers.js';

/**
 * What a token may do at this moment. A token tied to a ConnectWise member (a pod
 * session, or an API token a member minted) never does more than that member's
 * current grant allows: its powers are the ones it was issued with that the grant
 * still holds. The grant is read with the token on every request, so removing or
 * reducing it bites on the member's next call, in this process or any other.
 * Re-granting a power restores it only up to what the token was issued with.
 */
export function effectivePowers(tokenPowers: readonly string[], member: { grant: readonly string[] | null } | null): Set<Power> {
  const issued = tokenPowers.filter(isPower);
  if (!member) return new Set(issued);
  const granted = new Set(member.grant ?? []);
  return new Set(issued.filter((p) => granted.has(p)));
}
