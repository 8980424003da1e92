import { describe, expect, it } from 'vitest';
import { ConflictError, ValidationError } from '../errors/domain-errors.js';
import { shareCreditOverLines } from './issue-credit-note-for-amount.js';

describe('a credit for an amount, shared over the lines', () => {
  it('shares by what each line has left, to the cent, by largest remainder', () => {
    // $50.00 over $75.00 and $247.50: 1162.79… and 3837.20… → 1163 and 3837.
    expect(
      shareCreditOverLines(
        [
          { id: 1, leftCents: 7500 },
          { id: 2, leftCents: 24750 },
        ],
        5000,
      ),
    ).toEqual([
      { invoiceLineId: 1, amountCents: 1163 },
      { invoiceLineId: 2, amountCents: 3837 },
    ]);
  });

  it('gives no share to discounts or fully credited lines, and may credit the whole net left', () => {
    const lines = [
      { id: 1, leftCents: 10000 },
      { id: 2, leftCents: -1000 },
      { id: 3, leftCents: 0 },
      { id: 4, leftCents: 1 },
    ];
    expect(shareCreditOverLines(lines, 9001)).toEqual([
      { invoiceLineId: 1, amountCents: 9000 },
      { invoiceLineId: 4, amountCents: 1 },
    ]);
    expect(() => shareCreditOverLines(lines, 9002)).toThrow(ValidationError);
    expect(() => shareCreditOverLines([{ id: 1, leftCents: 0 }], 1)).toThrow(ConflictError);
  });
});
