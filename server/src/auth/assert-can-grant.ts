import { ALL_POWERS, type Power } from '../../../shared/powers.js';
import { ForbiddenError } from '../errors/domain-errors.js';

/** A change to the powers some token or member holds: what they held before and will hold after. */
export interface PowerChange {
  before: readonly Power[];
  after: readonly Power[];
}

/** The powers a change adds or takes away, in the module's order. */
export function changedPowers(change: PowerChange): Power[] {
  const before = new Set(change.before);
  const after = new Set(change.after);
  return ALL_POWERS.filter((p) => before.has(p) !== after.has(p));
}

/**
 * Which powers of a change the caller may not hand out or take away. The rule:
 * every power that changes, added or removed, must be one the caller holds. So
 * nobody raises a token or a member above themselves, and nobody strips from
 * someone else a power they could not have granted (a settings admin without
 * Quarantine Management cannot take a quarantine clerk's power away). Powers
 * left as they were are not the caller's business, held or not.
 */
export function powersNotHeld(held: ReadonlySet<Power>, change: PowerChange): Power[] {
  return changedPowers(change).filter((p) => !held.has(p));
}

/** Refuses (ForbiddenError, nothing changed) a change that touches a power the caller does not hold. */
export function assertCanGrant(held: ReadonlySet<Power>, change: PowerChange, what: string): void {
  const notHeld = powersNotHeld(held, change);
  if (notHeld.length === 0) return;
  throw new ForbiddenError(`You cannot ${what}: it changes the power "${notHeld.join('", "')}", which you do not hold.`, { notHeld });
}
