// The idempotency key of a usage record: what makes importing the same file twice add nothing.

import { hash } from 'node:crypto';
import type { UsageRecord } from './usage-record.js';

/**
 * `carrier:<id>` when the carrier gave its own record id (then a corrected re-send of the
 * same call is still the same record); otherwise `t`, the start time's digits
 * (`YYYYMMDDHHMMSSmmm`, UTC), `:` and the first 16 base64url characters (96 bits) of the
 * SHA-256 of the normalised fields, so the same call written with other spacing, offset or
 * column order gets the same key.
 * Why the time first: carriers deliver usage in time order, so the keys of a file land at the
 * end of the unique index instead of at random places all over it; with random keys every
 * import transaction rewrote thousands of index pages (a million-record import took 23 s
 * against 13 s, BENCHMARKS.md). The hash then only has to tell apart records that started in
 * the same millisecond, for which 96 bits are far beyond enough. Migration 0008 rewrote the
 * keys stored before, so a file imported before still dedupes.
 * The prefixes keep the spaces apart. Carrier ids must be unique across every carrier that
 * feeds the system (prefix them with the carrier's name when several do).
 */
const NOT_DIGITS = /\D/g;

export function usageRecordKey(record: UsageRecord): string {
  if (record.carrierRecordId !== null) return `carrier:${record.carrierRecordId}`;
  const normalised = [
    record.serviceIdentifier,
    record.startTime,
    record.quantityMilli,
    record.unit,
    record.usageClass,
    record.costCents,
    record.costCurrency,
  ];
  const digits = record.startTime.replace(NOT_DIGITS, '');
  return `t${digits}:${hash('sha256', JSON.stringify(normalised), 'base64url').slice(0, 16)}`;
}
