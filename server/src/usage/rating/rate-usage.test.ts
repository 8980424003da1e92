import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EMPTY_ALLOWANCE_STATE, proRatedAllowanceMilli, rateUsage, type RatingInput } from './rate-usage.js';
import { account, dataPlan, GB, MINUTE, phonePlan, plan, SECONDS, service, setup, usage } from './rating-fixtures.js';

const inputs = (...records: ReturnType<typeof usage>[]): RatingInput<number>[] => records.map((record, id) => ({ id, record }));
const brief = (r: {
  id: number;
  billableQuantityMilli: number;
  includedQuantityMilli: number;
  chargedQuantityMilli: number;
  amountCents: number;
}) => [r.id, r.billableQuantityMilli / SECONDS, r.includedQuantityMilli / SECONDS, r.chargedQuantityMilli / SECONDS, r.amountCents];

describe('rateUsage: a phone service with 300 included minutes, overage 20c/min per 30 s, minimum 25c', () => {
  const phone = setup([service(10, '0298765432', phonePlan)]);

  it('absorbs calls in time order, then rates the overage per 30 s with the minimum charge', () => {
    const result = rateUsage(
      inputs(
        usage('0298765432', '2026-03-20T09:00:00Z', 95 * SECONDS), // 4: → 120 s, 2 min × 20c = 40c
        usage('0298765432', '2026-03-02T09:00:00Z', 290 * MINUTE), // 1: fully included, 10 min left
        usage('0298765432', '2026-03-05T09:00:00Z', 700 * SECONDS), // 2: → 720 s, 600 included, 120 s = 40c
        usage('0298765432', '2026-03-06T09:00:00Z', 10 * SECONDS), // 3: → 30 s = 10c, minimum 25c
      ),
      phone,
      EMPTY_ALLOWANCE_STATE,
    );
    expect(result.unrated).toEqual([]);
    // [id, billable s, included s, charged s, cents]
    expect(result.rated.map(brief)).toEqual([
      [1, 17_400, 17_400, 0, 0],
      [2, 720, 600, 120, 40],
      [3, 30, 0, 30, 25],
      [0, 120, 0, 120, 40],
    ]);
    expect(result.rated.map((r) => r.allowanceRemainingMilli)).toEqual([600 * SECONDS, 0, 0, 0]);
    expect(result.rated[0]).toMatchObject({
      subscriptionId: 10,
      accountId: 1,
      period: { start: '2026-03-01', end: '2026-04-01' },
      chargeDate: '2026-03-02',
      ruleCode: 'calls',
      glCode: '4100',
      currency: 'AUD',
    });
    expect(result.allowanceState.allowanceUsedMilli).toEqual(new Map([['10|minutes|2026-03-01', 300 * MINUTE]]));
  });

  it('starts a fresh allowance each period', () => {
    const result = rateUsage(
      inputs(usage('0298765432', '2026-03-31T23:00:00Z', 301 * MINUTE), usage('0298765432', '2026-04-01T00:00:00Z', 61 * SECONDS)),
      phone,
      EMPTY_ALLOWANCE_STATE,
    );
    expect(result.rated.map(brief)).toEqual([
      [0, 18_060, 18_000, 60, 25], // 1 minute over: 20c, lifted to the 25c minimum
      [1, 90, 90, 0, 0],
    ]);
  });

  it('continues from the allowance state a previous batch left', () => {
    const first = rateUsage(inputs(usage('0298765432', '2026-03-02T09:00:00Z', 299 * MINUTE)), phone, EMPTY_ALLOWANCE_STATE);
    const second = rateUsage(inputs(usage('0298765432', '2026-03-03T09:00:00Z', 150 * SECONDS)), phone, first.allowanceState);
    expect(second.rated.map(brief)).toEqual([[0, 150, 60, 90, 30]]);
  });
});

describe('rateUsage: a data service with a 10 GB allowance', () => {
  it('absorbs 10 GB, then charges $10/GB counted per MB', () => {
    const data = setup([service(20, 'nbn-777', dataPlan)]);
    const result = rateUsage(
      inputs(
        usage('nbn-777', '2026-03-02T00:00:00Z', 6 * GB, 'bytes'),
        usage('nbn-777', '2026-03-03T00:00:00Z', 3.5 * GB, 'bytes'),
        usage('nbn-777', '2026-03-04T00:00:00Z', 1_234_567_800_000, 'bytes'), // 1.2345678 GB → 1,235 MB
      ),
      data,
      EMPTY_ALLOWANCE_STATE,
    );
    expect(result.rated.map((r) => [r.includedQuantityMilli / GB, r.chargedQuantityMilli / GB, r.amountCents])).toEqual([
      [6, 0, 0],
      [3.5, 0, 0],
      [0.5, 0.735, 735],
    ]);
  });
});

describe('rateUsage: allowances pro-rated by day in a partial period (March has 31 days)', () => {
  const phoneFrom11th = setup([service(10, '0298765432', phonePlan, { startDate: '2026-03-11' })]);
  const twoCalls = () =>
    inputs(usage('0298765432', '2026-03-11T09:00:00Z', 200 * MINUTE), usage('0298765432', '2026-03-20T09:00:00Z', 10 * MINUTE));

  it('gives a line starting on the 11th 21/31 of 300 minutes, rounded down, and charges the rest exactly', () => {
    const result = rateUsage(twoCalls(), phoneFrom11th, EMPTY_ALLOWANCE_STATE);
    // floor(18_000_000 × 21 / 31) = 12_193_548 thousandths of a second (203.2258 min) included.
    // The second call: 600 s, 193.548 s included, 406.452 s charged at 20c/min = 135.484c → 135c.
    expect(
      result.rated.map((r) => [
        r.id,
        r.billableQuantityMilli,
        r.includedQuantityMilli,
        r.chargedQuantityMilli,
        r.allowanceRemainingMilli,
        r.amountCents,
      ]),
    ).toEqual([
      [0, 12_000_000, 12_000_000, 0, 193_548, 0],
      [1, 600_000, 193_548, 406_452, 0, 135],
    ]);
    expect(result.allowanceState.allowanceUsedMilli).toEqual(new Map([['10|minutes|2026-03-01', 12_193_548]]));
  });

  it("gives the full 300 minutes with proRate 'none'", () => {
    const unprorated = plan({ ...phonePlan, allowances: [{ ...phonePlan.allowances[0], proRate: 'none' }] });
    const result = rateUsage(
      twoCalls(),
      setup([service(10, '0298765432', unprorated, { startDate: '2026-03-11' })]),
      EMPTY_ALLOWANCE_STATE,
    );
    expect(
      result.rated.map((r) => [r.id, r.includedQuantityMilli, r.chargedQuantityMilli, r.allowanceRemainingMilli, r.amountCents]),
    ).toEqual([
      [0, 12_000_000, 0, 6_000_000, 0],
      [1, 600_000, 0, 5_400_000, 0],
    ]);
  });

  it('gives a line ending on the 21st (last served the 20th) 20/31, and nothing after it ended', () => {
    const ending = setup([service(10, '0298765432', phonePlan, { endDate: '2026-03-21' })]);
    const result = rateUsage(
      inputs(usage('0298765432', '2026-03-05T09:00:00Z', 200 * MINUTE), usage('0298765432', '2026-03-21T09:00:00Z', MINUTE)),
      ending,
      EMPTY_ALLOWANCE_STATE,
    );
    // floor(18_000_000 × 20 / 31) = 11_612_903 included; 387.097 s charged at 20c/min = 129.032c → 129c.
    expect(
      result.rated.map((r) => [r.id, r.includedQuantityMilli, r.chargedQuantityMilli, r.allowanceRemainingMilli, r.amountCents]),
    ).toEqual([[0, 11_612_903, 387_097, 0, 129]]);
    expect(result.unrated.map((u) => [u.id, u.problem.reason])).toEqual([[1, 'not_identified']]);
  });

  it('pro-rates a line both starting and ending in the period by the days between', () => {
    const tenDays = setup([service(10, '0298765432', phonePlan, { startDate: '2026-03-11', endDate: '2026-03-21' })]);
    const result = rateUsage(inputs(usage('0298765432', '2026-03-12T09:00:00Z', 100 * MINUTE)), tenDays, EMPTY_ALLOWANCE_STATE);
    // floor(18_000_000 × 10 / 31) = 5_806_451; 193.549 s charged = 64.516c → 65c.
    expect(result.rated.map((r) => [r.includedQuantityMilli, r.chargedQuantityMilli, r.amountCents])).toEqual([[5_806_451, 193_549, 65]]);
  });

  it('keeps a pro-rated bytes allowance a whole number of bytes', () => {
    const data = setup([service(20, 'nbn-777', dataPlan, { startDate: '2026-03-11' })]);
    const result = rateUsage(inputs(usage('nbn-777', '2026-03-12T00:00:00Z', 8 * GB, 'bytes')), data, EMPTY_ALLOWANCE_STATE);
    // 10 GB × 21/31 = 6_774_193_548_387.09 thousandths → 6_774_193_548 bytes; 1_225_806_452 bytes at $10/GB = 1225.806c → 1226c.
    expect(result.rated.map((r) => [r.includedQuantityMilli, r.chargedQuantityMilli, r.amountCents])).toEqual([
      [6_774_193_548_000, 1_225_806_452_000, 1226],
    ]);
  });

  it('leaves a full period unchanged: a line starting on the period start, and the period after a partial one', () => {
    const fromFirst = setup([service(10, '0298765432', phonePlan, { startDate: '2026-03-01' })]);
    const march = rateUsage(inputs(usage('0298765432', '2026-03-02T09:00:00Z', 301 * MINUTE)), fromFirst, EMPTY_ALLOWANCE_STATE);
    const april = rateUsage(inputs(usage('0298765432', '2026-04-02T09:00:00Z', 301 * MINUTE)), phoneFrom11th, EMPTY_ALLOWANCE_STATE);
    for (const { rated } of [march, april])
      expect(rated.map((r) => [r.includedQuantityMilli, r.chargedQuantityMilli, r.amountCents])).toEqual([[300 * MINUTE, MINUTE, 25]]);
  });

  it("pro-rates a bundle's pool by the bundle's dates, not those of the line that uses it", () => {
    const shared = plan({ ...phonePlan, allowances: [{ ...phonePlan.allowances[0], scope: 'bundle' }] });
    const bundle = setup([
      service(11, '0200000001', shared, {
        rootSubscriptionId: 10,
        startDate: '2026-03-11',
        rootStartDate: '2026-03-11',
        rootEndDate: null,
      }),
      service(12, '0200000002', shared, {
        rootSubscriptionId: 10,
        startDate: '2026-03-20',
        rootStartDate: '2026-03-11',
        rootEndDate: null,
      }),
    ]);
    const result = rateUsage(
      inputs(usage('0200000002', '2026-03-21T09:00:00Z', 200 * MINUTE), usage('0200000001', '2026-03-22T09:00:00Z', 10 * MINUTE)),
      bundle,
      EMPTY_ALLOWANCE_STATE,
    );
    // One pool of floor(18_000_000 × 21 / 31) = 12_193_548, though line 12 only started on the 20th.
    expect(
      result.rated.map((r) => [
        r.subscriptionId,
        r.includedQuantityMilli,
        r.chargedQuantityMilli,
        r.allowanceRemainingMilli,
        r.amountCents,
      ]),
    ).toEqual([
      [12, 12_000_000, 0, 193_548, 0],
      [11, 193_548, 406_452, 0, 135],
    ]);
    expect(result.allowanceState.allowanceUsedMilli).toEqual(new Map([['10|minutes|2026-03-01', 12_193_548]]));
  });

  it('includes nothing for late usage rolled into an open period the line no longer covers', () => {
    const closedThroughFebruary = { ...account, usageOpenFrom: '2026-03-01' };
    const endedInFebruary = setup([service(10, '0298765432', phonePlan, { endDate: '2026-02-21', account: closedThroughFebruary })]);
    const result = rateUsage(inputs(usage('0298765432', '2026-02-20T09:00:00Z', 2 * MINUTE)), endedInFebruary, EMPTY_ALLOWANCE_STATE);
    expect(
      result.rated.map((r) => [
        r.period.start,
        r.lateFromPeriodStart,
        r.includedQuantityMilli,
        r.chargedQuantityMilli,
        r.allowanceRemainingMilli,
        r.amountCents,
      ]),
    ).toEqual([['2026-03-01', '2026-02-01', 0, 2 * MINUTE, 0, 40]]);
  });

  it('computes the share exactly where floating point would round up', () => {
    const huge = plan({
      currency: 'AUD',
      rules: [{ code: 'u', description: 'Units', unit: 'units', allowanceCode: 'u', perQuantityMilli: 1000, unitPriceCents: 1 }],
      allowances: [{ code: 'u', description: 'Many', unit: 'units', includedQuantityMilli: Number.MAX_SAFE_INTEGER }],
    });
    const march = { start: '2026-03-01', end: '2026-04-01' };
    // (2^53 − 1) × 30 / 31 = 8_716_644_440_071_926.6…; in doubles the product rounds to …927.
    expect(Math.floor((Number.MAX_SAFE_INTEGER * 30) / 31)).toBe(8_716_644_440_071_927);
    expect(proRatedAllowanceMilli(huge.allowances[0], march, '2026-03-02', null)).toBe(8_716_644_440_071_926);
  });
});

describe('rateUsage: rate cards', () => {
  const sydney = plan({
    currency: 'AUD',
    timeZone: 'Australia/Sydney',
    rules: [
      {
        code: 'intl',
        description: 'International',
        unit: 'seconds',
        classes: ['international'],
        perQuantityMilli: MINUTE,
        unitPriceCents: 99,
        flagfallCents: 15,
      },
      {
        code: 'peak',
        description: 'Peak',
        unit: 'seconds',
        timeOfDay: { days: [1, 2, 3, 4, 5], from: '07:00', to: '19:00' },
        perQuantityMilli: MINUTE,
        unitPriceCents: 30,
        incrementQuantityMilli: MINUTE,
      },
      {
        code: 'offpeak',
        description: 'Off-peak',
        unit: 'seconds',
        classes: ['local', 'mobile'],
        perQuantityMilli: MINUTE,
        unitPriceCents: 10,
        incrementQuantityMilli: MINUTE,
      },
      {
        code: 'sms',
        description: 'SMS',
        unit: 'units',
        perQuantityMilli: 1000,
        unitPriceCents: 0,
        tiers: [
          { uptoQuantityMilli: 100_000, unitPriceCents: 50 },
          { uptoQuantityMilli: null, unitPriceCents: 30 },
        ],
      },
    ],
  });
  const card = setup([service(30, '0411000111', sydney)]);

  it('picks the first rule by class, then by local time of day (AEDT, UTC+11 in March)', () => {
    const result = rateUsage(
      inputs(
        usage('0411000111', '2026-03-04T22:30:00Z', 61 * SECONDS, 'seconds', 'mobile'), // Thu 09:30 local: peak, 2 min × 30c
        usage('0411000111', '2026-03-05T10:00:00Z', 61 * SECONDS, 'seconds', 'mobile'), // Thu 21:00 local: off-peak, 2 min × 10c
        usage('0411000111', '2026-03-05T11:00:00Z', 90 * SECONDS, 'seconds', 'international'), // 1.5 min × 99c = 148.5 → 149 + 15
        usage('0411000111', '2026-03-07T01:00:00Z', 60 * SECONDS, 'seconds', 'satellite'), // Sat 12:00: no rule
      ),
      card,
      EMPTY_ALLOWANCE_STATE,
    );
    expect(result.rated.map((r) => [r.id, r.ruleCode, r.amountCents])).toEqual([
      [0, 'peak', 60],
      [1, 'offpeak', 20],
      [2, 'intl', 164],
    ]);
    expect(result.unrated).toEqual([
      {
        id: 3,
        subscriptionId: 30,
        accountId: 1,
        problem: {
          reason: 'not_rated',
          title: 'Missing Rate',
          recommendedFix:
            'Add a rate for seconds of class satellite at 2026-03-07 12:00 Australia/Sydney to the rate card, then re-process.',
        },
      },
    ]);
  });

  it('prices graduated tiers across the boundary with one rounding', () => {
    const result = rateUsage(
      inputs(usage('0411000111', '2026-03-02T00:00:00Z', 80_000, 'units'), usage('0411000111', '2026-03-03T00:00:00Z', 50_000, 'units')),
      card,
      EMPTY_ALLOWANCE_STATE,
    );
    expect(result.rated.map((r) => r.amountCents)).toEqual([80 * 50, 20 * 50 + 30 * 30]);
  });
});

describe('rateUsage: identify and bucket', () => {
  it('quarantines an unknown identifier, and one outside its subscription dates, as not identified', () => {
    const result = rateUsage(
      inputs(usage('nobody', '2026-03-02T00:00:00Z', 1000), usage('0298765432', '2026-03-02T00:00:00Z', 1000)),
      setup([service(10, '0298765432', phonePlan, { endDate: '2026-03-01' })]),
      EMPTY_ALLOWANCE_STATE,
    );
    expect(result.unrated.map((u) => [u.id, u.problem.reason, u.problem.title])).toEqual([
      [0, 'not_identified', 'Missing Service Subscription'],
      [1, 'not_identified', 'Missing Service Subscription'],
    ]);
  });

  it('finds the owner at the time of the usage when an identifier moved between subscriptions', () => {
    const result = rateUsage(
      inputs(usage('0298765432', '2026-02-27T00:00:00Z', 1000), usage('0298765432', '2026-03-02T00:00:00Z', 1000)),
      setup([
        service(10, '0298765432', phonePlan, { endDate: '2026-03-01' }),
        service(11, '0298765432', phonePlan, { startDate: '2026-03-01' }),
      ]),
      EMPTY_ALLOWANCE_STATE,
    );
    expect(result.rated.map((r) => r.subscriptionId)).toEqual([10, 11]);
  });

  it('moves late usage into the open period within the window, and quarantines older or when so configured', () => {
    const closedThroughFebruary = { ...account, usageOpenFrom: '2026-03-01' };
    const services = [service(10, '0298765432', phonePlan, { account: closedThroughFebruary })];
    const records = inputs(
      usage('0298765432', '2026-02-20T00:00:00Z', 1000),
      usage('0298765432', '2026-01-15T00:00:00Z', 1000),
      usage('0298765432', '2026-03-02T00:00:00Z', 1000),
    );
    const rolling = rateUsage(records, setup(services), EMPTY_ALLOWANCE_STATE);
    expect(rolling.rated.map((r) => [r.id, r.period.start, r.chargeDate, r.lateFromPeriodStart])).toEqual([
      [0, '2026-03-01', '2026-03-01', '2026-02-01'],
      [2, '2026-03-01', '2026-03-02', null],
    ]);
    expect(rolling.unrated.map((u) => [u.id, u.problem.reason, u.problem.title])).toEqual([[1, 'not_bucketed', 'Invalid Package Period']]);

    const strict = rateUsage(records, setup(services, { lateUsage: { mode: 'quarantine', maxLatePeriods: 0 } }), EMPTY_ALLOWANCE_STATE);
    expect(strict.unrated.map((u) => u.id)).toEqual([1, 0]);
  });

  it("buckets by the billing time zone's calendar day", () => {
    const result = rateUsage(
      inputs(usage('0298765432', '2026-02-28T14:00:00Z', 1000)),
      setup([service(10, '0298765432', phonePlan)], { billingTimeZone: 'Australia/Sydney' }),
      EMPTY_ALLOWANCE_STATE,
    );
    expect(result.rated[0]).toMatchObject({ chargeDate: '2026-03-01', period: { start: '2026-03-01' } });
  });

  it('says a plan without a rate card is missing one, and refuses a rate card in another currency', () => {
    const usd = { ...phonePlan, currency: 'USD' };
    const result = rateUsage(
      inputs(usage('a', '2026-03-02T00:00:00Z', 1000), usage('b', '2026-03-02T00:00:00Z', 1000)),
      setup([service(1, 'a', null), service(2, 'b', usd)]),
      EMPTY_ALLOWANCE_STATE,
    );
    expect(result.unrated.map((u) => u.problem.title)).toEqual(['Missing Rate Card', 'Invalid Service Type']);
  });
});

describe('rateUsage: properties', () => {
  const call = fc.record({
    day: fc.integer({ min: 1, max: 28 }),
    second: fc.integer({ min: 0, max: 86_399 }),
    seconds: fc.integer({ min: 0, max: 4 * 3600 }),
  });
  const toRecords = (calls: { day: number; second: number; seconds: number }[]) =>
    inputs(
      ...calls.map((c) => usage('0298765432', new Date(Date.UTC(2026, 2, c.day) + c.second * 1000).toISOString(), c.seconds * SECONDS)),
    );
  const phone = setup([service(10, '0298765432', phonePlan)]);

  it('never grants more than the allowance; included + charged = billable; a charged record costs at least the minimum', () => {
    fc.assert(
      fc.property(fc.array(call, { maxLength: 60 }), (calls) => {
        const { rated } = rateUsage(toRecords(calls), phone, EMPTY_ALLOWANCE_STATE);
        expect(rated.reduce((sum, r) => sum + r.includedQuantityMilli, 0)).toBeLessThanOrEqual(300 * MINUTE);
        for (const r of rated) {
          expect(r.includedQuantityMilli + r.chargedQuantityMilli).toBe(r.billableQuantityMilli);
          expect(r.billableQuantityMilli % (30 * SECONDS)).toBe(0);
          if (r.chargedQuantityMilli > 0) expect(r.amountCents).toBeGreaterThanOrEqual(25);
          else expect(r.amountCents).toBe(0);
        }
        // Time order: nothing is charged while an earlier record left allowance unused.
        const firstCharged = rated.findIndex((r) => r.chargedQuantityMilli > 0);
        if (firstCharged >= 0) expect(rated.slice(firstCharged + 1).every((r) => r.includedQuantityMilli === 0)).toBe(true);
      }),
    );
  });

  it('never grants more than the allowance pro-rated to the days the line covers', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 31 }), fc.array(call, { maxLength: 60 }), (startDay, calls) => {
        const startDate = `2026-03-${String(startDay).padStart(2, '0')}`;
        const { rated } = rateUsage(toRecords(calls), setup([service(10, '0298765432', phonePlan, { startDate })]), EMPTY_ALLOWANCE_STATE);
        const covered = 32 - startDay;
        expect(rated.reduce((sum, r) => sum + r.includedQuantityMilli, 0)).toBeLessThanOrEqual(Math.floor((300 * MINUTE * covered) / 31));
        for (const r of rated) expect(r.includedQuantityMilli + r.chargedQuantityMilli).toBe(r.billableQuantityMilli);
      }),
    );
  });

  it('rates the same whether a sorted stream arrives in one batch or many', () => {
    fc.assert(
      fc.property(fc.array(call, { maxLength: 40 }), fc.nat(40), (calls, cut) => {
        const records = toRecords(calls).sort((a, b) => (a.record.startTime < b.record.startTime ? -1 : 1));
        const whole = rateUsage(records, phone, EMPTY_ALLOWANCE_STATE);
        const first = rateUsage(records.slice(0, cut), phone, EMPTY_ALLOWANCE_STATE);
        const rest = rateUsage(records.slice(cut), phone, first.allowanceState);
        expect([...first.rated, ...rest.rated]).toEqual(whole.rated);
        expect(rest.allowanceState).toEqual(whole.allowanceState);
      }),
    );
  });
});
