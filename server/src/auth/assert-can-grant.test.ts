import { describe, expect, it } from 'vitest';
import { ALL_POWERS, POWERS, type Power } from '../../../shared/powers.js';
import { ForbiddenError } from '../errors/domain-errors.js';
import { assertCanGrant, changedPowers, powersNotHeld } from './assert-can-grant.js';

const settingsAdmin: ReadonlySet<Power> = new Set([POWERS.integration, POWERS.settings]);

describe('changedPowers', () => {
  it('lists what is added and what is removed, in the module order, and nothing that stays', () => {
    expect(changedPowers({ before: [POWERS.quarantine, POWERS.integration], after: [POWERS.integration, POWERS.mappings] })).toEqual([
      POWERS.mappings,
      POWERS.quarantine,
    ]);
    expect(changedPowers({ before: ALL_POWERS, after: [...ALL_POWERS].reverse() })).toEqual([]);
  });
});

describe('powersNotHeld', () => {
  it('names the powers a caller would hand out without holding them', () => {
    expect(powersNotHeld(settingsAdmin, { before: [], after: ALL_POWERS })).toEqual([
      POWERS.contactEditing,
      POWERS.mappings,
      POWERS.quarantine,
    ]);
  });

  it('names the powers a caller would take away without holding them', () => {
    expect(powersNotHeld(settingsAdmin, { before: [POWERS.integration, POWERS.quarantine], after: [POWERS.integration] })).toEqual([
      POWERS.quarantine,
    ]);
  });

  it('lets a caller change what it holds, leaving alone what it does not', () => {
    expect(
      powersNotHeld(settingsAdmin, {
        before: [POWERS.integration, POWERS.quarantine],
        after: [POWERS.integration, POWERS.quarantine, POWERS.settings],
      }),
    ).toEqual([]);
    expect(powersNotHeld(settingsAdmin, { before: [POWERS.integration], after: [] })).toEqual([]);
    expect(powersNotHeld(new Set(ALL_POWERS), { before: [], after: ALL_POWERS })).toEqual([]);
  });

  it('refuses everything to a caller holding nothing, except no change at all', () => {
    expect(powersNotHeld(new Set(), { before: [], after: [POWERS.integration] })).toEqual([POWERS.integration]);
    expect(powersNotHeld(new Set(), { before: [POWERS.mappings], after: [POWERS.mappings] })).toEqual([]);
  });
});

describe('assertCanGrant', () => {
  it('throws a ForbiddenError whose details name the powers not held', () => {
    let thrown: unknown;
    try {
      assertCanGrant(settingsAdmin, { before: [POWERS.quarantine], after: [POWERS.mappings] }, 'change this');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ForbiddenError);
    expect((thrown as ForbiddenError).details).toEqual({ notHeld: [POWERS.mappings, POWERS.quarantine] });
    expect((thrown as ForbiddenError).message).toContain('ConnectWise Mappings Management');
  });

  it('returns quietly when every changed power is held', () => {
    expect(() => assertCanGrant(settingsAdmin, { before: [], after: [POWERS.integration, POWERS.settings] }, 'issue')).not.toThrow();
  });
});
