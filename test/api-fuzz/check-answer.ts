import type { FuzzCase } from './fuzz-cases.js';

/** What a fuzz answer did wrong; `null` when nothing. */
export interface Problem {
  operation: string;
  case: string;
  status: number | 'no answer';
  what: string;
}

const ENVELOPE_KEYS = new Set(['code', 'message', 'details', 'requestId']);

/**
 * The rules every answer keeps: never a 5xx; every 4xx is JSON with exactly the envelope's
 * keys (string code, message and requestId; details optional); a 2xx never answers input the
 * schema plainly refuses; and a case that names its status gets that status.
 */
export function problemOf(c: FuzzCase, status: number, contentType: string | null, text: string): Problem | null {
  const problem = (what: string): Problem => ({ operation: c.operation, case: c.label, status, what });
  if (status >= 500) return problem(`server error: ${text.slice(0, 300)}`);
  if (status >= 400) {
    const shapeProblem = envelopeProblem(contentType, text);
    if (shapeProblem) return problem(shapeProblem);
  }
  if (c.status !== undefined && status !== c.status) return problem(`expected ${c.status}: ${text.slice(0, 200)}`);
  if (c.mustBeRefused && status >= 200 && status < 300) return problem('accepted input the schema refuses');
  return null;
}

function envelopeProblem(contentType: string | null, text: string): string | null {
  if (!/^application\/json\b/i.test(contentType ?? '')) return `4xx as ${contentType ?? 'no content-type'}: ${text.slice(0, 200)}`;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return `4xx body is not JSON: ${text.slice(0, 200)}`;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return `4xx body is not an object: ${text.slice(0, 200)}`;
  const fields = body as Record<string, unknown>;
  const missing = ['code', 'message', 'requestId'].filter((key) => typeof fields[key] !== 'string');
  const extra = Object.keys(fields).filter((key) => !ENVELOPE_KEYS.has(key));
  if (missing.length > 0 || extra.length > 0) {
    return `4xx not the envelope (missing ${missing.join(',') || 'none'}; extra ${extra.join(',') || 'none'}): ${text.slice(0, 200)}`;
  }
  return null;
}
