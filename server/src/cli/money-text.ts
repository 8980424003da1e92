import { formatMoney, money } from '../../../shared/money.js';

/** An amount for people: "$322.50" (the currency's own minor unit, never rounded). */
export function moneyText(cents: number, currency: string): string {
  return formatMoney(money(cents, currency));
}
