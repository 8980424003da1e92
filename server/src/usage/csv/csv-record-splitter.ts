// An incremental RFC 4180 record splitter: text goes in chunk by chunk, whole records come out.
//
// Why hand-written: the usage import must stream files of millions of lines without holding
// them, and must report every malformed line by number and carry on. RFC 4180 rules applied:
// fields separated by commas, records by CRLF (LF and a lone CR are accepted too, since files
// saved on other systems use them); a field in double quotes may hold commas, line breaks and
// doubled quotes (""). Departures, all reported as errors on that record only: a quote inside
// an unquoted field, text after a closing quote, a quote left open at the end of the input.
// A record longer than `maxRecordChars` is reported and skipped up to the next line break, so
// a stray quote cannot swallow the rest of a large file into memory.

export type CsvRecord =
  | { readonly line: number; readonly fields: string[]; readonly error?: undefined }
  | { readonly line: number; readonly fields?: undefined; readonly error: string; readonly raw: string };

export const DEFAULT_MAX_RECORD_CHARS = 10_000;

const COMMA = 44;
const QUOTE = 34;
const CR = 13;
const LF = 10;

type State = 'field_start' | 'unquoted' | 'quoted' | 'quote_in_quoted' | 'skip_to_line_end';

export class CsvRecordSplitter {
  private state: State = 'field_start';
  private fields: string[] = [];
  private field = '';
  private recordChars = 0;
  private raw = '';
  private error: string | undefined;
  /** Physical line the next character is on (1-based). */
  private currentLine = 1;
  private recordLine = 1;
  private afterCr = false;
  private started = false;
  private recordHasContent = false;

  constructor(private readonly maxRecordChars = DEFAULT_MAX_RECORD_CHARS) {}

  /** Feeds a chunk of text; returns the records it completed. */
  push(text: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    const next = new NextSpecials();
    let start = 0;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) start = 1; // a byte order mark is not data
    }
    for (let i = start; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (this.state === 'field_start' && this.recordChars === 0 && code !== CR && code !== LF) {
        // Fast path for the common line: whole in this chunk, no quotes, so its fields are
        // what lies between the commas. The line break itself is left to the loop below.
        next.find(text, i);
        const end = Math.min(next.cr, next.lf);
        if (end !== Infinity && end - i <= this.maxRecordChars && next.quote > end) {
          out.push({ line: this.currentLine, fields: text.slice(i, end).split(',') });
          this.afterCr = false;
          i = end - 1;
          continue;
        }
      }
      if (code === CR || code === LF) {
        // A CRLF is one line break; `afterCr` survives chunk boundaries.
        const lfOfCrlf = code === LF && this.afterCr;
        this.afterCr = code === CR;
        if (this.state === 'quoted') {
          this.appendToField(text[i]);
          if (!lfOfCrlf) this.currentLine++;
          continue;
        }
        if (lfOfCrlf) continue; // the CR already ended the record
        this.endRecord(out);
        this.currentLine++;
        continue;
      }
      this.afterCr = false;
      this.noteRaw(text[i]);
      switch (this.state) {
        case 'skip_to_line_end':
          break;
        case 'field_start':
          this.recordHasContent = true;
          if (code === QUOTE) this.state = 'quoted';
          else if (code === COMMA) this.endField();
          else {
            this.field += text[i];
            this.state = 'unquoted';
          }
          break;
        case 'unquoted':
          if (code === COMMA) this.endField();
          else if (code === QUOTE) this.fail('a double quote inside an unquoted field (quote the whole field and double the quote)');
          else this.field += text[i];
          break;
        case 'quoted':
          if (code === QUOTE) this.state = 'quote_in_quoted';
          else this.field += text[i];
          break;
        case 'quote_in_quoted':
          if (code === QUOTE) {
            this.field += '"';
            this.state = 'quoted';
          } else if (code === COMMA) this.endField();
          else this.fail('text after the closing quote of a field');
          break;
      }
      if (this.recordChars > this.maxRecordChars && this.state !== 'skip_to_line_end') {
        this.fail(`a record longer than ${this.maxRecordChars} characters (an unclosed quote?)`);
      }
    }
    return out;
  }

  /** Ends the input: returns the last record if the text did not end with a line break. */
  end(): CsvRecord[] {
    const out: CsvRecord[] = [];
    if (this.state === 'quoted') this.fail('a quoted field left open at the end of the file');
    if (this.recordHasContent || this.error !== undefined || this.fields.length > 0) this.endRecord(out);
    return out;
  }

  private appendToField(char: string): void {
    this.noteRaw(char);
    this.field += char;
    if (this.recordChars > this.maxRecordChars) {
      this.fail(`a record longer than ${this.maxRecordChars} characters (an unclosed quote?)`);
    }
  }

  private noteRaw(char: string): void {
    if (this.recordChars === 0) this.recordLine = this.currentLine;
    this.recordChars++;
    if (this.raw.length < 1000) this.raw += char;
  }

  private endField(): void {
    this.fields.push(this.field);
    this.field = '';
    this.state = 'field_start';
  }

  private fail(message: string): void {
    if (this.error === undefined) this.error = message;
    this.state = 'skip_to_line_end';
    this.field = '';
  }

  private endRecord(out: CsvRecord[]): void {
    const line = this.recordChars === 0 ? this.currentLine : this.recordLine;
    if (this.error !== undefined) {
      out.push({ line, error: this.error, raw: this.raw });
    } else if (this.recordHasContent || this.fields.length > 0) {
      this.fields.push(this.field);
      out.push({ line, fields: this.fields });
    }
    // A blank line is no record at all (a trailing newline, or spacing in a hand-edited file).
    this.fields = [];
    this.field = '';
    this.raw = '';
    this.recordChars = 0;
    this.error = undefined;
    this.recordHasContent = false;
    this.state = 'field_start';
  }
}

/**
 * The next CR, LF and double quote at or after a position of one chunk, each searched again
 * only once passed: searching from every line would scan the rest of the chunk each time.
 */
class NextSpecials {
  cr = -1;
  lf = -1;
  quote = -1;

  find(text: string, from: number): void {
    if (this.cr < from) this.cr = indexOrInfinity(text, '\r', from);
    if (this.lf < from) this.lf = indexOrInfinity(text, '\n', from);
    if (this.quote < from) this.quote = indexOrInfinity(text, '"', from);
  }
}

function indexOrInfinity(text: string, char: string, from: number): number {
  const index = text.indexOf(char, from);
  return index === -1 ? Infinity : index;
}
