/**
 * A small seeded PRNG for the simulator's data generator: sfc32 (Chris Doty-Humphrey's
 * "small fast counting" generator, from PractRand), seeded by cyrb128 over the seed's text.
 * Same seed → same sequence on every machine and Node version, because it uses only
 * 32-bit integer arithmetic (`Math.imul`, `>>>`, `|0`) — never `Math.random`.
 */

export type Seed = number | string;

export type WeightedEntries<T> = readonly (readonly [value: T, weight: number])[];

const TWO_POW_32 = 4294967296;

export class SeededRandom {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** The text the state was derived from; `fork` derives child streams from it. */
  readonly seedText: string;

  constructor(seed: Seed) {
    if (typeof seed === 'number' && !Number.isFinite(seed)) throw new RangeError(`seed must be finite, got ${seed}`);
    this.seedText = String(seed);
    [this.a, this.b, this.c, this.d] = cyrb128(this.seedText);
    // Discard the first outputs: sfc32 mixes poorly for a few rounds after seeding.
    for (let i = 0; i < 15; i++) this.uint32();
  }

  /**
   * An independent stream for one part of the data set (`fork('timeEntries')`), so that
   * changing how many products are drawn never changes which time entries are drawn.
   */
  fork(label: string): SeededRandom {
    return new SeededRandom(`${this.seedText}\u0000${label}`);
  }

  /** Uniform integer in [0, 2^32). */
  uint32(): number {
    const a = this.a;
    const b = this.b;
    const c = this.c;
    const d = this.d;
    const t = (((a + b) | 0) + d) | 0;
    this.d = (d + 1) | 0;
    this.a = b ^ (b >>> 9);
    this.b = (c + (c << 3)) | 0;
    const rotated = (c << 21) | (c >>> 11);
    this.c = (rotated + t) | 0;
    return t >>> 0;
  }

  /** Uniform float in [0, 1). */
  next(): number {
    return this.uint32() / TWO_POW_32;
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
      throw new RangeError(`int(${min}, ${max}) needs integers with min <= max`);
    }
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Uniform float in [min, max). */
  float(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick() from an empty list');
    return items[Math.floor(this.next() * items.length)];
  }

  /** One value, with probability proportional to its weight. For hot loops, prefer `weightedPicker`. */
  weighted<T>(entries: WeightedEntries<T>): T {
    return weightedPicker(entries)(this);
  }

  /** Uniform instant (epoch ms, whole seconds) in [startMs, endMs]. */
  dateBetween(startMs: number, endMs: number): number {
    if (endMs < startMs) throw new RangeError('dateBetween(): end is before start');
    const startS = Math.ceil(startMs / 1000);
    const endS = Math.floor(endMs / 1000);
    return this.int(startS, Math.max(startS, endS)) * 1000;
  }

  /** A random (version 4 layout) UUID, lower-case, drawn from this stream. */
  uuid(): string {
    return formatUuid(this.uint32(), this.uint32(), this.uint32(), this.uint32());
  }

  /** Fisher–Yates, in place; returns the same array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const swap = items[i];
      items[i] = items[j];
      items[j] = swap;
    }
    return items;
  }
}

/** Precomputes the cumulative weights once; the returned picker costs one draw and a short scan. */
export function weightedPicker<T>(entries: WeightedEntries<T>): (random: SeededRandom) => T {
  const values: T[] = [];
  const cumulative: number[] = [];
  let total = 0;
  for (const [value, weight] of entries) {
    if (!(weight >= 0) || !Number.isFinite(weight)) throw new RangeError(`weight must be a finite number >= 0, got ${weight}`);
    if (weight === 0) continue;
    total += weight;
    values.push(value);
    cumulative.push(total);
  }
  if (values.length === 0) throw new RangeError('weightedPicker() needs at least one positive weight');
  const last = values.length - 1;
  return (random) => {
    const target = random.next() * total;
    for (let i = 0; i < last; i++) if (target < cumulative[i]) return values[i];
    return values[last];
  };
}

/**
 * A UUID that is a pure function of its inputs (e.g. entity name + id + seed), for
 * `mobileGuid`s that must not depend on the order records are drawn in.
 */
export function stableUuid(text: string): string {
  const [a, b, c, d] = cyrb128(text);
  return formatUuid(a, b, c, d);
}

/** cyrb128 (bryc): a fast 128-bit string hash, used here only to seed sfc32. */
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

const HEX_BYTE = Array.from({ length: 256 }, (_, n) => n.toString(16).padStart(2, '0'));

function hex4Bytes(word: number): string {
  return HEX_BYTE[word >>> 24] + HEX_BYTE[(word >>> 16) & 255] + HEX_BYTE[(word >>> 8) & 255] + HEX_BYTE[word & 255];
}

function formatUuid(w0: number, w1: number, w2: number, w3: number): string {
  const versioned = (w1 & 0xffff0fff) | 0x00004000; // version 4
  const varianted = (w2 & 0x3fffffff) | 0x80000000; // RFC 4122 variant
  const mid = hex4Bytes(versioned);
  const clock = hex4Bytes(varianted);
  return `${hex4Bytes(w0)}-${mid.slice(0, 4)}-${mid.slice(4)}-${clock.slice(0, 4)}-${clock.slice(4)}${hex4Bytes(w3)}`;
}
