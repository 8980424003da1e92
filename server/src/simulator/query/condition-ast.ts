// The parsed form of a `conditions` string (grammar: DG "Conditions", docs/connectwise/querying.md#conditions).
// Nodes are immutable so one parse can be cached and shared across requests.

import type { FieldPath } from './field-path.js';

export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=';

export type Literal =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'numeric'; readonly value: number }
  | { readonly kind: 'boolean'; readonly value: boolean }
  /** `value` is the instant in epoch milliseconds; `text` is what was inside the brackets. */
  | { readonly kind: 'datetime'; readonly value: number; readonly text: string }
  | { readonly kind: 'null' };

export interface FieldRef {
  readonly path: FieldPath;
  /** As written in the query, for error messages. */
  readonly text: string;
}

export type ConditionNode =
  | { readonly type: 'or'; readonly operands: readonly ConditionNode[] }
  | { readonly type: 'and'; readonly operands: readonly ConditionNode[] }
  | { readonly type: 'not'; readonly operand: ConditionNode }
  | {
      readonly type: 'compare';
      readonly field: FieldRef;
      readonly operator: ComparisonOperator;
      readonly literal: Literal;
    }
  | {
      readonly type: 'in';
      readonly field: FieldRef;
      readonly negated: boolean;
      readonly literals: readonly Literal[];
    }
  | {
      readonly type: 'like' | 'contains';
      readonly field: FieldRef;
      readonly negated: boolean;
      /** The quoted text after the operator. */
      readonly text: string;
      /** Compiled once at parse time; anchored, case-insensitive. */
      readonly matcher: RegExp;
    };
