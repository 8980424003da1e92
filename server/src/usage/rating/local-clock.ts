// Local calendar date, weekday and minute of day of an instant in an IANA time zone, cheaply
// enough to call for a million records: Intl is asked once per UTC quarter-hour (every zone's
// offset is a whole number of quarter-hours, so within one the local day cannot change).

export type LocalTime = { readonly date: string; readonly weekday: number; readonly minuteOfDay: number };

const QUARTER_HOUR_MS = 15 * 60_000;
const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

export class LocalClock {
  private readonly format: Intl.DateTimeFormat;
  private readonly quarters = new Map<number, LocalTime>();

  constructor(readonly timeZone: string) {
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
    });
  }

  at(epochMs: number): LocalTime {
    const quarter = Math.floor(epochMs / QUARTER_HOUR_MS);
    const start = this.quarterStarting(quarter);
    const minutesIn = Math.floor((epochMs - quarter * QUARTER_HOUR_MS) / 60_000);
    return minutesIn === 0 ? start : { ...start, minuteOfDay: start.minuteOfDay + minutesIn };
  }

  /** The local calendar date only: `at(epochMs).date` without building a LocalTime. */
  dateAt(epochMs: number): string {
    return this.quarterStarting(Math.floor(epochMs / QUARTER_HOUR_MS)).date;
  }

  private quarterStarting(quarter: number): LocalTime {
    let start = this.quarters.get(quarter);
    if (start === undefined) {
      if (this.quarters.size > 100_000) this.quarters.clear(); // bounded: ~3 years of quarters
      start = this.compute(quarter * QUARTER_HOUR_MS);
      this.quarters.set(quarter, start);
    }
    return start;
  }

  private compute(epochMs: number): LocalTime {
    const parts: Record<string, string> = {};
    for (const part of this.format.formatToParts(new Date(epochMs))) parts[part.type] = part.value;
    return {
      date: `${parts.year}-${parts.month}-${parts.day}`,
      weekday: WEEKDAYS[parts.weekday],
      minuteOfDay: Number(parts.hour) * 60 + Number(parts.minute),
    };
  }
}

const clocks = new Map<string, LocalClock>();

/** One shared clock per zone (the cache is the point). */
export function localClockFor(timeZone: string): LocalClock {
  let clock = clocks.get(timeZone);
  if (!clock) {
    clock = new LocalClock(timeZone);
    clocks.set(timeZone, clock);
  }
  return clock;
}

export function formatMinuteOfDay(minuteOfDay: number): string {
  return `${String(Math.floor(minuteOfDay / 60)).padStart(2, '0')}:${String(minuteOfDay % 60).padStart(2, '0')}`;
}
