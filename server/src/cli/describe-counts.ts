const COUNTS = ['added', 'updated', 'unchanged', 'quarantined', 'skipped', 'deleted'] as const;

/** A sync run's (or one stream's) counts: "added 3, updated 0, …". */
export function describeCounts(counts: Partial<Record<(typeof COUNTS)[number], unknown>>): string {
  return COUNTS.map((key) => `${key} ${Number(counts[key] ?? 0)}`).join(', ');
}
