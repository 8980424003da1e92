import { z } from 'zod';

/**
 * How the simulator misbehaves, as real Manage sites do under load (docs/connectwise/errors-and-rate-limits.md): all off by default. Rates are probabilities per API request,
 * drawn from a generator seeded by `seed`, so the same settings and the same
 * sequence of requests give the same faults.
 */
const rate = z.number().min(0).max(1);

export const faultSettingsSchema = z
  .object({
    seed: z.union([z.number(), z.string()]).default(1),
    /** Requests a caller may make per minute before 429 + Retry-After; null = no limit. Manage throttles around 1,000/min (DG). */
    rateLimitPerMinute: z.number().int().positive().nullable().default(null),
    /** Share of requests answered 500 with Manage's generic error body. */
    serverErrorRate: rate.default(0),
    /** Share of requests held for `slowMs` before being answered. */
    slowRate: rate.default(0),
    slowMs: z.number().int().min(0).max(120_000).default(3000),
    /** Share of requests whose connection is closed without an answer. */
    dropRate: rate.default(0),
    /** Share of successful answers whose body is cut short (the JSON no longer parses). */
    truncateRate: rate.default(0),
    /** Share of requests for a second or later page that first edit or delete a record an earlier page already returned. */
    pageDriftRate: rate.default(0),
  })
  .strict();

export type FaultSettings = z.infer<typeof faultSettingsSchema>;
export type FaultSettingsInput = z.input<typeof faultSettingsSchema>;

export const NO_FAULTS: FaultSettings = faultSettingsSchema.parse({});
