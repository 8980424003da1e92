/**
 * A whole record cut to a `fields` list (`id,member/name,...`), as Manage answers a request
 * that asks for those fields (docs/connectwise/querying.md#orderby-fields-and-count): what
 * we keep of a record read whole (a PATCH answer) matches what a partial read gives.
 * Names match case-insensitively, as Manage's do; a list is cut element by element.
 */
export function partialRecord(record: Record<string, unknown>, fields: string): Record<string, unknown> {
  return cut(record, selectionOf(fields));
}

type Selection = Map<string, Selection | true>;
const selections = new Map<string, Selection>();

function selectionOf(fields: string): Selection {
  let selection = selections.get(fields);
  if (selection) return selection;
  selection = new Map();
  for (const item of fields.split(',')) {
    let node = selection;
    const path = item.trim().toLowerCase().split('/').filter(Boolean);
    for (let index = 0; index < path.length; index++) {
      const existing = node.get(path[index]);
      // A whole field already asked for covers any of its parts.
      if (existing === true) break;
      if (index === path.length - 1) {
        node.set(path[index], true);
        break;
      }
      const child: Selection = existing ?? new Map();
      node.set(path[index], child);
      node = child;
    }
  }
  selections.set(fields, selection);
  return selection;
}

function cut(record: Record<string, unknown>, selection: Selection): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    const wanted = selection.get(key.toLowerCase());
    if (wanted === undefined) continue;
    result[key] = wanted === true ? value : cutNested(value, wanted);
  }
  return result;
}

function cutNested(value: unknown, selection: Selection): unknown {
  if (Array.isArray(value)) return value.map((element) => cutNested(element, selection));
  if (typeof value === 'object' && value !== null) return cut(value as Record<string, unknown>, selection);
  return value;
}
