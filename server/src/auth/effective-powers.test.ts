import { describe, expect, it } from 'vitest';
import { ALL_POWERS, POWERS } from '../../../shared/powers.js';
import { effectivePowers } from './effective-powers.js';

describe('effectivePowers', () => {
  it('keeps an unbound API token at the powers it was issued with (unknown names dropped)', () => {
    expect([...effectivePowers([POWERS.integration, 'Launch Missiles'], null)]).toEqual([POWERS.integration]);
  });

  it("cuts a member's token down to the member's current grant", () => {
    const issued = [POWERS.integration, POWERS.quarantine, POWERS.settings];
    expect([...effectivePowers(issued, { grant: [POWERS.integration, POWERS.settings] })]).toEqual([POWERS.integration, POWERS.settings]);
  });

  it('never adds a power the token was not issued with, however much the grant grows', () => {
    expect([...effectivePowers([POWERS.integration], { grant: ALL_POWERS })]).toEqual([POWERS.integration]);
  });

  it('leaves nothing when the grant is empty or gone', () => {
    expect(effectivePowers(ALL_POWERS, { grant: [] }).size).toBe(0);
    expect(effectivePowers(ALL_POWERS, { grant: null }).size).toBe(0);
  });
});
