// Reading a command's arguments: every value from the command line is checked here or by the
// use case's own schema before anything is written.
import { isIsoDate } from '../billing/periods.js';

/** Bad usage: the CLI prints the usage and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function wholeNumber(name: string, text: string | undefined, min: number, max: number): number {
  const n = Number(text);
  if (text === undefined || text.trim() === '' || !Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`${name} must be a whole number from ${min} to ${max}, got "${text ?? ''}"`);
  return n;
}

export function isoDate(name: string, text: string): string {
  if (!isIsoDate(text)) throw new UsageError(`${name} must be a calendar date YYYY-MM-DD, got "${text}"`);
  return text;
}

/** An id of a stored row (invoice, ticket): a positive safe integer. */
export function rowId(name: string, text: string | undefined): number {
  return wholeNumber(name, text, 1, Number.MAX_SAFE_INTEGER);
}
