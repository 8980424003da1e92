// Writing CSV for spreadsheet-based imports (RFC 4180 quoting, CRLF).

/**
 * Quotes a field when it needs it. Text cells that a spreadsheet would run as a formula
 * (starting with =, +, -, @, tab or CR) get a leading apostrophe: an invoice description comes
 * from ConnectWise and from carriers, and the file is opened in Excel before it is imported.
 */
export function csvText(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return csvField(safe);
}

/** Numbers and dates we format ourselves: quoted only if they somehow need it. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function csvRows(header: readonly string[], rows: readonly string[][]): string {
  return `${[header.map(csvField).join(','), ...rows.map((row) => row.join(','))].join('\r\n')}\r\n`;
}
