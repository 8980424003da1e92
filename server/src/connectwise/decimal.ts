/**
 * ConnectWise sends hours and rates as JSON numbers (0.73, 238.5). The
 * shortest decimal text of such a number is what Manage stored, so we read
 * it as text and never compute with the float.
 */
export function cwNumberToDecimal(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '0';
  return String(value);
}
