import { SeededRandom } from '../data/random.js';
import { faultSettingsSchema, NO_FAULTS, type FaultSettings, type FaultSettingsInput } from './fault-settings.js';
import { RateLimiter } from './rate-limiter.js';

/** What happens to one API request. */
export interface FaultPlan {
  serverError: boolean;
  slowMs: number;
  drop: boolean;
  truncate: boolean;
  pageDrift: boolean;
  /** In [0, 1): where a truncated body is cut, and which record page drift touches. */
  position: number;
  /** Page drift deletes (true) or edits (false) the record. */
  deleteRecord: boolean;
}

/**
 * Decides, request by request, which faults to inject. Every request draws
 * the same number of values in the same order whatever is switched on, so a
 * seed fixes the whole sequence.
 */
export class FaultInjector {
  private current: FaultSettings = NO_FAULTS;
  private random = new SeededRandom(NO_FAULTS.seed);
  private limiter: RateLimiter | null = null;

  constructor(initial?: FaultSettingsInput) {
    if (initial) this.configure(initial);
  }

  get settings(): FaultSettings {
    return this.current;
  }

  /** Replaces the settings (unset ones fall back to off) and restarts the seeded sequence and the rate windows. */
  configure(input: FaultSettingsInput): FaultSettings {
    this.current = faultSettingsSchema.parse(input);
    this.random = new SeededRandom(this.current.seed);
    this.limiter = this.current.rateLimitPerMinute === null ? null : new RateLimiter(this.current.rateLimitPerMinute);
    return this.current;
  }

  /** Seconds the caller must wait (429), or null. */
  rateLimit(callerKey: string, nowMs: number): number | null {
    return this.limiter?.check(callerKey, nowMs) ?? null;
  }

  plan(): FaultPlan {
    const s = this.current;
    const draws = [
      this.random.next(),
      this.random.next(),
      this.random.next(),
      this.random.next(),
      this.random.next(),
      this.random.next(),
      this.random.next(),
    ];
    return {
      serverError: draws[0] < s.serverErrorRate,
      slowMs: draws[1] < s.slowRate ? s.slowMs : 0,
      drop: draws[2] < s.dropRate,
      truncate: draws[3] < s.truncateRate,
      pageDrift: draws[4] < s.pageDriftRate,
      position: draws[5],
      deleteRecord: draws[6] < 0.5,
    };
  }
}
