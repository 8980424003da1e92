// Evaluates a parsed `conditions` tree against one record.
//
// Manage runs conditions as SQL against SQL Server (see like-pattern.ts for the
// evidence), so comparisons use SQL's three-valued logic: comparing a null field
// with a non-null literal is "unknown", NOT of unknown stays unknown, and only a
// definite true selects the record [inferred]. Concretely:
//   - `x = null` selects null or missing x, `x != null` the opposite (DG's
//     customFieldConditions example `value != null`);
//   - `x != "a"`, `x < 5`, `x not like "a%"` never select a null x;
//   - a missing field is null (TB emulation hint).
// AND and OR stop at the first operand that decides them, left to right.

import type { ComparisonOperator, ConditionNode, FieldRef, Literal } from './condition-ast.js';
import { ConditionTypeError, wrongLiteralKindMessage } from './condition-errors.js';
import type { FieldPath } from './field-path.js';
import { compareSameKind, kindOfValue, type ValueKind } from './value-kinds.js';

/** true, false, or null for SQL's "unknown". */
type Truth = boolean | null;

export type FieldReader = (path: FieldPath) => unknown;

export interface EvaluationOptions {
  /**
   * What a literal of the wrong kind for a field's value does: 'error' throws
   * Manage's "Expected a boolean value, not a numeric." (the default); 'unknown'
   * treats the comparison as unknown, for lists whose entries hold values of
   * different kinds in one field (custom fields: Text, Number, Checkbox, Date…).
   */
  readonly wrongKind?: 'error' | 'unknown';
}

interface Context {
  readonly readField: FieldReader;
  readonly wrongKind: 'error' | 'unknown';
}

export function evaluateCondition(node: ConditionNode, readField: FieldReader, options: EvaluationOptions = {}): boolean {
  return evaluate(node, { readField, wrongKind: options.wrongKind ?? 'error' }) === true;
}

function evaluate(node: ConditionNode, context: Context): Truth {
  switch (node.type) {
    case 'or': {
      let result: Truth = false;
      for (const operand of node.operands) {
        const value = evaluate(operand, context);
        if (value === true) return true;
        if (value === null) result = null;
      }
      return result;
    }
    case 'and': {
      let result: Truth = true;
      for (const operand of node.operands) {
        const value = evaluate(operand, context);
        if (value === false) return false;
        if (value === null) result = null;
      }
      return result;
    }
    case 'not':
      return negate(evaluate(node.operand, context));
    case 'compare':
      return compare(new FieldValue(node.field, context), node.operator, node.literal);
    case 'in':
      return negateIf(node.negated, isIn(new FieldValue(node.field, context), node.literals));
    case 'like':
    case 'contains':
      return negateIf(node.negated, matchesText(new FieldValue(node.field, context), node.matcher));
  }
}

function negate(value: Truth): Truth {
  return value === null ? null : !value;
}

function negateIf(negated: boolean, value: Truth): Truth {
  return negated ? negate(value) : value;
}

/** A field's value in one record; missing reads as null. */
class FieldValue {
  readonly value: unknown;

  constructor(
    private readonly field: FieldRef,
    private readonly context: Context,
  ) {
    this.value = context.readField(field.path) ?? null;
  }

  /**
   * The kind of the (non-null) value if a literal of `literalKind` may be compared
   * with it, or null when the comparison is unknown. A reference or list can only
   * be tested against null (`contact = null`: is the reference set?).
   */
  kindMatching(literalKind: Literal['kind']): ValueKind | null {
    if (Array.isArray(this.value)) {
      throw new ConditionTypeError(`The field '${this.field.text}' is a list; search inside it with childConditions.`);
    }
    const kind = kindOfValue(this.value);
    if (kind === 'composite') {
      throw new ConditionTypeError(`The field '${this.field.text}' is an object; compare one of its fields, e.g. ${this.field.text}/id.`);
    }
    if (kind === 'null') return null;
    if (kind === literalKind) return kind;
    if (this.context.wrongKind === 'unknown') return null;
    throw new ConditionTypeError(wrongLiteralKindMessage(kind, literalKind));
  }
}

function compare(field: FieldValue, operator: ComparisonOperator, literal: Literal): Truth {
  if (literal.kind === 'null') {
    if (operator === '=') return field.value === null;
    if (operator === '!=') return field.value !== null;
    return null;
  }
  const kind = field.kindMatching(literal.kind);
  if (kind === null) return null;
  const order = compareSameKind(kind, field.value, literal.value);
  switch (operator) {
    case '=':
      return order === 0;
    case '!=':
      return order !== 0;
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    case '>=':
      return order >= 0;
  }
}

/** SQL's `x IN (a, b)`: `x = a OR x = b`, with `null` in the list meaning "x is null". */
function isIn(field: FieldValue, literals: readonly Literal[]): Truth {
  let result: Truth = false;
  for (const literal of literals) {
    const equal = compare(field, '=', literal);
    if (equal === true) return true;
    if (equal === null) result = null;
  }
  return result;
}

/** `like` and `contains` take a string (the parser ensures it) and need a string field. */
function matchesText(field: FieldValue, matcher: RegExp): Truth {
  return field.kindMatching('string') === null ? null : matcher.test(field.value as string);
}
