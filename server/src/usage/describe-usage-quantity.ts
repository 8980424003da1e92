// Usage quantities as people read them on an invoice (display only: amounts never come from here).

import type { UsageUnit } from './usage-record.js';

export function describeUsageQuantity(unit: string, quantityMilli: number): string {
  switch (unit as UsageUnit) {
    case 'seconds':
      return `${trim((quantityMilli / 60_000).toFixed(2))} min`;
    case 'bytes':
      return `${trim((quantityMilli / 1e12).toFixed(3))} GB`;
    case 'kwh':
      return `${trim((quantityMilli / 1000).toFixed(3))} kWh`;
    default:
      return `${trim((quantityMilli / 1000).toFixed(3))} units`;
  }
}

function trim(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}
