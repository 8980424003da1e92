// Errors raised while reading or applying a `conditions` string. Both become a
// 400 with Manage's error body at the list-query boundary (see query-error.ts).

// Manage appends this guidance to its literal errors, verbatim from the server
// response quoted in the connectwise-rest README (docs/connectwise/querying.md#conditions, CWR).
export const LITERAL_GUIDANCE =
  'String values should be enclosed with double or single quotes; ' +
  'DateTime values should be enclosed in square brackets; ' +
  'numbers should consist of only digits, and optionally a decimal point and a negation sign; ' +
  'boolean values should be indicated with the keywords true or false; ' +
  'null values should be indicated by the keyword null.';

export class ConditionSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConditionSyntaxError';
  }
}

/** A literal of the wrong kind for the field it is compared with, e.g. `closedFlag = 1`. */
export class ConditionTypeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConditionTypeError';
  }
}

/**
 * Manage's wording: "Expected a boolean value, not a numeric." followed by the
 * guidance (CWR README). Other kind pairs reuse the same sentence [inferred].
 */
export function wrongLiteralKindMessage(expected: string, actual: string): string {
  return `Expected a ${expected} value, not a ${actual}. ${LITERAL_GUIDANCE}`;
}
