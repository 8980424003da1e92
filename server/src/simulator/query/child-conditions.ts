// `childConditions` and `customFieldConditions`: the `conditions` language
// applied to the elements of a list inside each record (DG, docs/connectwise/querying.md#childconditions-and-customfieldconditions).
// A record matches when SOME element satisfies the whole expression, so
//   communicationItems/value like "john@%" AND communicationItems/communicationType = "Email"
// needs one communication item that is both, not one of each [inferred from DG's example].

import type { ConditionNode } from './condition-ast.js';
import { ConditionTypeError } from './condition-errors.js';
import { evaluateCondition } from './condition-evaluator.js';
import { findKey, readFieldPath, type FieldPath } from './field-path.js';

/**
 * DG: `/company/contacts?childconditions=communicationItems/value like "john@Outlook.com"
 * AND communicationItems/communicationType="Email"`. Paths are written from the
 * record, through the list, to the element's field.
 */
export function matchesChildConditions(node: ConditionNode, record: Record<string, unknown>): boolean {
  const listPath = listPathOf(node, record);
  if (!listPath) return false;
  const elements = readFieldPath(record, listPath) as unknown[];
  return elements.some((element) =>
    evaluateCondition(node, (path) =>
      startsWithPath(path, listPath) ? readFieldPath(element, path.slice(listPath.length)) : readFieldPath(record, path),
    ),
  );
}

/**
 * DG: `/company/contacts?customFieldConditions=caption="TomNumber" AND value != null`.
 * Paths name fields of one `customFields[]` entry (`caption`, `value`, `type`, …).
 */
export function matchesCustomFieldConditions(node: ConditionNode, record: Record<string, unknown>): boolean {
  const key = findKey(record, 'customFields');
  const customFields = key === undefined ? undefined : record[key];
  if (!Array.isArray(customFields)) return false;
  // One list mixes value kinds (Text, Number, Checkbox, Date… per `type`, docs/connectwise/records.md#common-conventions),
  // so `value > 1000` skips the text entries instead of rejecting the query [inferred].
  return customFields.some((customField: unknown) =>
    evaluateCondition(node, (path) => readFieldPath(customField, path), { wrongKind: 'unknown' }),
  );
}

/** The path of the one list the condition's fields run through in this record, if any. */
function listPathOf(node: ConditionNode, record: Record<string, unknown>): FieldPath | undefined {
  const found = new Map<string, FieldPath>();
  for (const path of fieldPathsIn(node)) {
    for (let length = 1; length < path.length; length += 1) {
      const prefix = path.slice(0, length);
      if (Array.isArray(readFieldPath(record, prefix))) {
        found.set(prefix.join('/').toLowerCase(), prefix);
        break;
      }
    }
  }
  if (found.size > 1) {
    throw new ConditionTypeError(
      `childConditions can search one list at a time, not ${[...found.values()].map((p) => p.join('/')).join(' and ')}.`,
    );
  }
  return found.values().next().value;
}

function startsWithPath(path: FieldPath, prefix: FieldPath): boolean {
  return prefix.every((segment, index) => path[index]?.toLowerCase() === segment.toLowerCase());
}

function* fieldPathsIn(node: ConditionNode): Generator<FieldPath> {
  switch (node.type) {
    case 'or':
    case 'and':
      for (const operand of node.operands) yield* fieldPathsIn(operand);
      return;
    case 'not':
      yield* fieldPathsIn(node.operand);
      return;
    default:
      yield node.field.path;
  }
}
