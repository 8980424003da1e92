// Shapes shared by the billing use cases' input schemas (and so by the REST API).
import { z } from 'zod';
import { ValidationError } from '../errors/domain-errors.js';
import { isIsoDate } from './periods.js';
import { isIsoCurrency } from '../../../shared/iso-4217.js';

export const IsoDateSchema = z.string().refine(isIsoDate, 'must be a calendar date YYYY-MM-DD');
/** A safe-integer amount of minor units (may be negative for credits and adjustments). */
export const CentsSchema = z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);
export const PriceCentsSchema = z.number().int().min(0).max(1_000_000_000_000);
/** Quantities are integer thousandths (1.25 hours = 1250); see shared/money.ts. */
export const QuantityMilliSchema = z.number().int().min(-1_000_000_000_000).max(1_000_000_000_000);
/**
 * A current ISO 4217 currency with a minor unit (shared/iso-4217.ts): `QQQ` has the shape of
 * one and is refused, so are gold (XAU) and "no currency" (XXX), whose amounts have no decimals
 * to speak of. docs/money.md.
 */
export const CurrencySchema = z
  .string()
  .regex(/^[A-Z]{3}$/, { error: 'must be an ISO 4217 code in capitals', abort: true })
  .refine(isIsoCurrency, { error: (issue) => `${String(issue.input)} is not a current ISO 4217 currency (docs/money.md)` });
/** `<system>:<entity>:<id...>`, e.g. `connectwise:company:250`. */
export const ExternalKeySchema = z
  .string()
  .trim()
  .min(3)
  .max(200)
  .regex(/^[a-z][a-z0-9-]*:[^\s]+$/, 'must look like system:entity:id');
export const TaxCodeSchema = z.string().trim().min(1).max(20);
export const BasisPointsSchema = z.number().int().min(0).max(10_000);
export const NameSchema = z.string().trim().min(1).max(200);
export const IdSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** Parses a use case's input, turning a schema failure into the API's 400 envelope. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new ValidationError('Invalid input.', {
      issues: result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    });
  }
  return result.data;
}
