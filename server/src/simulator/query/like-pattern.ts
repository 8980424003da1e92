// Compiles the right-hand side of `like` and `contains` into a RegExp.
//
// `like` wildcards: DG says `*`, and CWR/CTC/Infrascale examples use `%`
// (`contact/name like "Fred%"`), so both mean "any run of characters" (docs/connectwise/querying.md#conditions).
// DG's escaping rule "literal `[string]` → `[[]string]`" is SQL Server's LIKE
// bracket syntax, which shows the pattern reaches SQL Server's LIKE; so `_` (one
// character) and `[abc]` / `[a-z]` / `[^a]` classes work as they do there [inferred].

export function compileLike(pattern: string): RegExp {
  let source = '';
  let index = 0;
  while (index < pattern.length) {
    const char = pattern[index];
    if (char === '%' || char === '*') {
      source += '.*';
    } else if (char === '_') {
      source += '.';
    } else if (char === '[') {
      const close = pattern.indexOf(']', index + 2);
      if (close < 0) {
        source += escapeRegExp(char);
      } else {
        source += bracketClass(pattern.slice(index + 1, close));
        index = close;
      }
    } else {
      source += escapeRegExp(char);
    }
    index += 1;
  }
  return new RegExp(`^${source}$`, 'isu');
}

/** `contains` is a plain, case-insensitive substring test (DG: `Summary Not Contains "Low Priority"`). */
export function compileContains(text: string): RegExp {
  return new RegExp(escapeRegExp(text), 'iu');
}

function bracketClass(body: string): string {
  const negated = body.startsWith('^') && body.length > 1;
  const members = negated ? body.slice(1) : body;
  const escaped = members.replace(/[\\\][^]/g, (c) => `\\${c}`);
  return `[${negated ? '^' : ''}${escaped}]`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, (c) => `\\${c}`);
}
