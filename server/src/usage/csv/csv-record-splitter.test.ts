import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CsvRecordSplitter, type CsvRecord } from './csv-record-splitter.js';

function split(chunks: string[], maxRecordChars?: number): CsvRecord[] {
  const splitter = new CsvRecordSplitter(maxRecordChars);
  return [...chunks.flatMap((chunk) => splitter.push(chunk)), ...splitter.end()];
}

function quote(field: string): string {
  return /[",\r\n]/.test(field) || field === '' ? `"${field.replaceAll('"', '""')}"` : field;
}

describe('CsvRecordSplitter', () => {
  it('splits plain records on CRLF, LF and a lone CR, skipping blank lines and a BOM', () => {
    expect(split(['\uFEFFa,b\r\nc,d\n\ne,f\rg,h'])).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['c', 'd'] },
      { line: 4, fields: ['e', 'f'] },
      { line: 5, fields: ['g', 'h'] },
    ]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks, numbering records by their first line', () => {
    expect(split(['x,"a, ""b""\r\nc",y\r\nnext,1\r\n'])).toEqual([
      { line: 1, fields: ['x', 'a, "b"\r\nc', 'y'] },
      { line: 3, fields: ['next', '1'] },
    ]);
  });

  it('keeps empty fields, including trailing ones', () => {
    expect(split(['a,,\n,b\n""\n'])).toEqual([
      { line: 1, fields: ['a', '', ''] },
      { line: 2, fields: ['', 'b'] },
      { line: 3, fields: [''] },
    ]);
  });

  it('reports a malformed record with its line and carries on with the next', () => {
    const records = split(['ok,1\nba"d,2\n"closed"x,3\nfine,4\n"open,5']);
    expect(records.map((r) => [r.line, r.fields ?? r.error])).toEqual([
      [1, ['ok', '1']],
      [2, 'a double quote inside an unquoted field (quote the whole field and double the quote)'],
      [3, 'text after the closing quote of a field'],
      [4, ['fine', '4']],
      [5, 'a quoted field left open at the end of the file'],
    ]);
  });

  it('stops an unclosed quote from swallowing the file: an overlong record is skipped to the next line break', () => {
    const records = split([`a,"never closed ${'x'.repeat(50)}\nb,2\n`], 20);
    expect(records[0]).toMatchObject({ line: 1, error: 'a record longer than 20 characters (an unclosed quote?)' });
    expect(records[1]).toEqual({ line: 2, fields: ['b', '2'] });
  });

  it('gives the same records however the text is cut into chunks (CRLF split across chunks included)', () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r\n', ' ', 'é'), maxLength: 6 });
    const row = fc.array(field, { minLength: 1, maxLength: 4 }).filter((r) => !(r.length === 1 && r[0] === ''));
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 8 }), fc.boolean(), fc.array(fc.nat(), { maxLength: 6 }), (rows, crlf, cuts) => {
        const text = rows.map((r) => r.map(quote).join(',')).join(crlf ? '\r\n' : '\n') + (crlf ? '\r\n' : '\n');
        const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const chunks = [0, ...points].map((from, i, all) => text.slice(from, all[i + 1] ?? text.length));
        const records = split(chunks);
        expect(records.map((r) => r.fields)).toEqual(rows);
        // Line numbers count the physical lines before each record, embedded breaks included.
        let line = 1;
        for (const [i, r] of rows.entries()) {
          expect(records[i].line).toBe(line);
          line += 1 + r.join('').split(/\r\n|\n/).length - 1;
        }
      }),
    );
  });
});
