// A usage record: one call, data session or meter read, as the rating pipeline sees it.
// The CSV reader and the batch API both build records through `parseUsageFields`, so a record
// means the same whichever way it arrived (docs/usage-csv-format.md documents the fields).

import { isIsoCurrency } from '../../../shared/iso-4217.js';
import { parseQuantityMilli } from '../../../shared/money.js';

export const USAGE_UNITS = ['seconds', 'bytes', 'kwh', 'units'] as const;
export type UsageUnit = (typeof USAGE_UNITS)[number];

export type UsageRecord = {
  readonly serviceIdentifier: string;
  /** Normalised UTC instant, always `YYYY-MM-DDTHH:MM:SS.sssZ` (so text order is time order). */
  readonly startTime: string;
  /** Quantity in thousandths of `unit` (shared/money.ts); bytes are whole. */
  readonly quantityMilli: number;
  readonly unit: UsageUnit;
  /** Destination or class ('mobile', 'international', 'data'...); null when the source gives none. */
  readonly usageClass: string | null;
  /** What the carrier charged us, informational (margin reports); null when not given. */
  readonly costCents: number | null;
  /** ISO 4217 currency of `costCents`; null = the account's currency. */
  readonly costCurrency: string | null;
  readonly carrierRecordId: string | null;
};

/** The fields as text, as a CSV line or a JSON body gives them; blank optional fields are null/''. */
export type UsageFieldsText = {
  serviceIdentifier?: string | null;
  startTime?: string | null;
  quantity?: string | number | null;
  unit?: string | null;
  usageClass?: string | null;
  costCents?: string | number | null;
  costCurrency?: string | null;
  carrierRecordId?: string | null;
};

export type ParsedUsageFields = { ok: true; record: UsageRecord } | { ok: false; errors: string[] };

const MAX_TEXT = 100;
// Printable text without control characters: identifiers end up in keys, logs and CSV exports.
// biome-ignore lint/suspicious/noControlCharactersInRegex: plain text is text without control characters.
const PLAIN_TEXT = /^[^\u0000-\u001f\u007f]+$/;
// ISO 8601 with a mandatory offset: a time without one is ambiguous, so it is refused, not guessed.
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?(Z|[+-]\d{2}:?\d{2})$/;
const NORMAL_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const WHOLE_NUMBER = /^\d{1,12}$/;
const INTEGER = /^-?\d+$/;

/** Validates every field and reports every problem at once (a line is fixed in one go). */
export function parseUsageFields(input: UsageFieldsText): ParsedUsageFields {
  const errors: string[] = [];
  const serviceIdentifier = requiredText(input.serviceIdentifier, 'service_identifier', errors);
  const startTime = parseInstant(blankToNull(input.startTime), errors);
  const unit = parseUnit(blankToNull(input.unit), errors);
  const quantityMilli = parseQuantity(blankToNull(input.quantity), unit, errors);
  const usageClass = optionalText(input.usageClass, 'class', errors);
  const carrierRecordId = optionalText(input.carrierRecordId, 'carrier_record_id', errors);
  const costCents = parseCost(blankToNull(input.costCents), errors);
  const costCurrency = blankToNull(input.costCurrency);
  if (costCurrency !== null && !isIsoCurrency(costCurrency))
    errors.push('cost_currency must be a current ISO 4217 code in capitals, e.g. AUD');
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    record: {
      serviceIdentifier: serviceIdentifier!,
      startTime: startTime!,
      quantityMilli: quantityMilli!,
      unit: unit!,
      usageClass,
      costCents,
      costCurrency,
      carrierRecordId,
    },
  };
}

function blankToNull(value: string | number | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const text = typeof value === 'string' ? value.trim() : String(value).trim();
  return text === '' ? null : text;
}

function requiredText(value: string | null | undefined, name: string, errors: string[]): string | null {
  const text = blankToNull(value);
  if (text === null) {
    errors.push(`${name} is required`);
    return null;
  }
  return checkText(text, name, errors);
}

function optionalText(value: string | null | undefined, name: string, errors: string[]): string | null {
  const text = blankToNull(value);
  return text === null ? null : checkText(text, name, errors);
}

function checkText(text: string, name: string, errors: string[]): string | null {
  if (text.length > MAX_TEXT) errors.push(`${name} is longer than ${MAX_TEXT} characters`);
  else if (!PLAIN_TEXT.test(text)) errors.push(`${name} contains control characters`);
  else return text;
  return null;
}

/** "2026-03-04T10:15:00+10:00" → "2026-03-04T00:15:00.000Z"; refuses impossible dates and missing offsets. */
export function parseInstant(text: string | null, errors: string[] = []): string | null {
  if (text === null) {
    errors.push('start_time is required');
    return null;
  }
  // Most files already give the normal form: it is a real time if it survives a round trip.
  if (text.length === 24 && NORMAL_INSTANT.test(text) && text >= '1970') {
    const epochMs = Date.parse(text);
    if (Number.isFinite(epochMs) && new Date(epochMs).toISOString() === text) return text;
  }
  const match = ISO_INSTANT.exec(text);
  if (!match) {
    errors.push('start_time must be ISO 8601 with an offset, e.g. 2026-03-04T10:15:00Z (at most milliseconds)');
    return null;
  }
  const [, y, mo, d, h, mi, s, fraction = '', offset] = match;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number);
  const millis = Number(fraction.padEnd(3, '0'));
  const local = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  const check = new Date(local);
  if (
    year < 1970 ||
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    errors.push(`start_time ${JSON.stringify(text)} is not a real time`);
    return null;
  }
  let offsetMinutes = 0;
  if (offset !== 'Z') {
    const digits = offset.replace(':', '');
    offsetMinutes = (digits[0] === '-' ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
  }
  return new Date(local - offsetMinutes * 60_000).toISOString();
}

function parseUnit(text: string | null, errors: string[]): UsageUnit | null {
  if (text === null) {
    errors.push('unit is required');
    return null;
  }
  const unit = text.toLowerCase();
  if (!(USAGE_UNITS as readonly string[]).includes(unit)) {
    errors.push(`unit must be one of ${USAGE_UNITS.join(', ')}`);
    return null;
  }
  return unit as UsageUnit;
}

function parseQuantity(text: string | null, unit: UsageUnit | null, errors: string[]): number | null {
  if (text === null) {
    errors.push('quantity is required');
    return null;
  }
  let quantityMilli: number;
  try {
    // A whole number (most usage) needs no exact-decimal arithmetic: 12 digits × 1000 stay exact.
    quantityMilli = WHOLE_NUMBER.test(text) ? Number(text) * 1000 : parseQuantityMilli(text);
  } catch {
    errors.push('quantity must be a decimal number with at most three decimals');
    return null;
  }
  if (quantityMilli < 0) errors.push('quantity must not be negative (a correction is a write-off or a credit, not negative usage)');
  else if (unit === 'bytes' && quantityMilli % 1000 !== 0) errors.push('a quantity in bytes must be whole');
  else return quantityMilli;
  return null;
}

function parseCost(text: string | null, errors: string[]): number | null {
  if (text === null) return null;
  if (!INTEGER.test(text) || !Number.isSafeInteger(Number(text))) {
    errors.push("cost_cents must be a whole number of the currency's minor unit (cents, yen, fils)");
    return null;
  }
  return Number(text);
}
