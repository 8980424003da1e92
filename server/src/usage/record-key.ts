// The idempotency key of a usage record: what makes importing the same file twice add nothing.

import { createHash } from 'node:crypto';
import type { UsageRecord } from './usage-record.js';

/**
 * `carrier:<id>` when the carrier gave its own record id (then a corrected re-send of the
 * same call is still the same record); otherwise `sha256:` and the first 22 base64url characters
 * (132 bits) of the SHA-256 of the normalised fields, so the same call written with other
 * spacing, offset or column order gets the same key. 132 bits keep collisions out of reach
 * (about 1 in 10^27 for a billion records) with a unique index 40% smaller than the whole
 * digest's, which makes each import's random inserts into it cheaper (migration 0007 shortened
 * the keys stored before).
 * The two prefixes keep the spaces apart. Carrier ids must be unique across every carrier that
 * feeds the system (prefix them with the carrier's name when several do).
 */
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
  return `sha256:${createHash('sha256').update(JSON.stringify(normalised)).digest('base64url').slice(0, 22)}`;
}
