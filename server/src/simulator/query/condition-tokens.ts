// Splits a `conditions` string into tokens. Literal forms follow Manage's own
// description of them (CWR README, quoted in docs/connectwise/querying.md#conditions): strings in double or
// single quotes, DateTimes in square brackets, numbers of digits with an optional
// decimal point and negation sign, keywords true/false/null.

import type { ComparisonOperator } from './condition-ast.js';
import { ConditionSyntaxError, LITERAL_GUIDANCE } from './condition-errors.js';
import { parseFieldPath, type FieldPath } from './field-path.js';

export type Keyword = 'and' | 'or' | 'not' | 'in' | 'like' | 'contains' | 'true' | 'false' | 'null';

const KEYWORDS: ReadonlySet<string> = new Set<Keyword>(['and', 'or', 'not', 'in', 'like', 'contains', 'true', 'false', 'null']);

export type Token = { readonly position: number } & (
  | { readonly type: 'field'; readonly text: string; readonly path: FieldPath }
  | { readonly type: 'keyword'; readonly keyword: Keyword; readonly text: string }
  | { readonly type: 'operator'; readonly operator: ComparisonOperator }
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'number'; readonly value: number; readonly text: string }
  | { readonly type: 'datetime'; readonly value: number; readonly text: string }
  | { readonly type: '(' | ')' | ',' | 'end' }
);

const WORD = /[A-Za-z_][A-Za-z0-9_]*(?:\/[A-Za-z_][A-Za-z0-9_]*)*/y;
const NUMBER = /-?(?:\d+(?:\.\d*)?|\.\d+)/y;
const OPERATOR = /!=|<=|>=|=|<|>/y;
// ISO-8601 as CTC's ConvertTo-CWMTime writes it (`yyyy-MM-ddTHH:mm:ssZ`), with the
// time, seconds, fraction and zone optional.
const DATETIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < text.length) {
    const char = text[index];
    if (/\s/.test(char)) {
      index += 1;
    } else if (char === '(' || char === ')' || char === ',') {
      tokens.push({ type: char, position: index });
      index += 1;
    } else if (char === '"' || char === "'") {
      const { value, end } = readQuoted(text, index);
      tokens.push({ type: 'string', value, position: index });
      index = end;
    } else if (char === '[') {
      const end = text.indexOf(']', index);
      if (end < 0) throw syntaxError(`Unterminated DateTime value starting at character ${index + 1}.`);
      const inner = text.slice(index + 1, end).trim();
      tokens.push({ type: 'datetime', value: parseDatetime(inner, index), text: inner, position: index });
      index = end + 1;
    } else if (/[-.\d]/.test(char)) {
      index = pushNumber(text, index, tokens);
    } else if (/[A-Za-z_]/.test(char)) {
      index = pushWord(text, index, tokens);
    } else {
      OPERATOR.lastIndex = index;
      const match = OPERATOR.exec(text);
      if (!match) throw syntaxError(`Unexpected character '${char}' at character ${index + 1}.`);
      tokens.push({ type: 'operator', operator: match[0] as ComparisonOperator, position: index });
      index += match[0].length;
    }
  }
  tokens.push({ type: 'end', position: text.length });
  return tokens;
}

function syntaxError(message: string): ConditionSyntaxError {
  return new ConditionSyntaxError(`${message} ${LITERAL_GUIDANCE}`);
}

/** A quoted string; a backslash escapes a quote or another backslash, and is kept otherwise. */
function readQuoted(text: string, start: number): { value: string; end: number } {
  const quote = text[start];
  let value = '';
  let index = start + 1;
  while (index < text.length) {
    const char = text[index];
    const next = text[index + 1];
    if (char === '\\' && next !== undefined && (next === '"' || next === "'" || next === '\\')) {
      value += next;
      index += 2;
    } else if (char === quote) {
      return { value, end: index + 1 };
    } else {
      value += char;
      index += 1;
    }
  }
  throw syntaxError(`Unterminated string starting at character ${start + 1}.`);
}

function parseDatetime(inner: string, position: number): number {
  if (DATETIME.test(inner)) {
    // Manage's datetimes are UTC (DG: `[2016-08-20T18:04:26Z]`); a value written
    // without a zone is read as UTC too rather than in the simulator's local zone.
    const hasZone = /(?:Z|[+-]\d{2}:?\d{2})$/.test(inner) && inner.includes('T');
    const instant = Date.parse(inner.includes('T') && !hasZone ? `${inner}Z` : inner);
    if (!Number.isNaN(instant)) return instant;
  }
  throw syntaxError(`Invalid DateTime value [${inner}] at character ${position + 1}.`);
}

function pushNumber(text: string, index: number, tokens: Token[]): number {
  NUMBER.lastIndex = index;
  const match = NUMBER.exec(text);
  const end = match ? index + match[0].length : index;
  if (!match || /[A-Za-z0-9_.]/.test(text[end] ?? '')) {
    const word = /^[^\s(),=!<>]+/.exec(text.slice(index))?.[0] ?? text[index];
    throw syntaxError(`Invalid value '${word}' at character ${index + 1}.`);
  }
  tokens.push({ type: 'number', value: Number(match[0]), text: match[0], position: index });
  return end;
}

function pushWord(text: string, index: number, tokens: Token[]): number {
  WORD.lastIndex = index;
  const word = (WORD.exec(text) as RegExpExecArray)[0];
  const end = index + word.length;
  if (text[end] === '/') throw syntaxError(`Incomplete field name '${word}/' at character ${index + 1}.`);
  const lower = word.toLowerCase();
  if (KEYWORDS.has(lower)) {
    tokens.push({ type: 'keyword', keyword: lower as Keyword, text: word, position: index });
  } else {
    tokens.push({ type: 'field', text: word, path: parseFieldPath(word) as FieldPath, position: index });
  }
  return end;
}
