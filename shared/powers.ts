/**
 * The five powers of the ConnectWise Integration module, as Emersion names them.
 * "ConnectWise Integration" is the parent: every module route needs it, and the
 * others only add to it (see docs/connectwise/product.md, "Powers").
 */
export const POWERS = {
  integration: 'ConnectWise Integration',
  contactEditing: 'Allow Contact Editing',
  mappings: 'ConnectWise Mappings Management',
  quarantine: 'ConnectWise Quarantine Management',
  settings: 'ConnectWise Settings Management',
} as const;

export type PowerKey = keyof typeof POWERS;
export type Power = (typeof POWERS)[PowerKey];

export const ALL_POWERS: readonly Power[] = Object.values(POWERS);
export const PARENT_POWER: Power = POWERS.integration;

export function isPower(value: string): value is Power {
  return (ALL_POWERS as readonly string[]).includes(value);
}
