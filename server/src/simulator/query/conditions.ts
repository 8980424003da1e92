// The `conditions` query parameter: parse once, then test each record.
// Grammar and semantics: DG "Conditions" (docs/connectwise/querying.md#conditions); see condition-parser.ts
// and condition-evaluator.ts for the details and the choices made where the
// documentation is silent.

import type { ConditionNode } from './condition-ast.js';
import { evaluateCondition } from './condition-evaluator.js';
import { parseConditionText } from './condition-parser.js';
import { readFieldPath } from './field-path.js';

export type { ConditionNode } from './condition-ast.js';
export { ConditionSyntaxError, ConditionTypeError } from './condition-errors.js';

// A list request evaluates one condition string over every stored record, and
// a sync client repeats the same string page after page; keep recent parses.
const PARSE_CACHE_LIMIT = 200;
const parseCache = new Map<string, ConditionNode>();

/** Parses a `conditions` string; throws ConditionSyntaxError when it is malformed. */
export function parseConditions(text: string): ConditionNode {
  const cached = parseCache.get(text);
  if (cached) return cached;
  const node = parseConditionText(text);
  if (parseCache.size >= PARSE_CACHE_LIMIT) {
    const oldest = parseCache.keys().next().value as string;
    parseCache.delete(oldest);
  }
  parseCache.set(text, node);
  return node;
}

/**
 * Whether `record` satisfies the parsed conditions; throws ConditionTypeError
 * when a literal is of the wrong kind for a field the record has a value in.
 */
export function matchesConditions(node: ConditionNode, record: Record<string, unknown>): boolean {
  return evaluateCondition(node, (path) => readFieldPath(record, path));
}
