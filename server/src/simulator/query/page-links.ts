// The RFC 5988 `Link` header Manage sends with list pages, e.g.
//   <https://…/v2017_3/apis/3.0/company/companies?pageSize=50&page=2>; rel="next", <https://…?pageSize=50&page=4>; rel="last"
// (DG "Pagination"; LAZY shows the same shape from a live server, docs/connectwise/querying.md#navigable-paging).
// Each URL is the request's own URL with only the paging parameter changed.

export type LinkRel = 'first' | 'prev' | 'next' | 'last';

export interface PageLink {
  readonly rel: LinkRel;
  readonly url: string;
}

/** `<url>; rel="next", <url>; rel="last"`, or null when there is nothing to link to. */
export function formatLinkHeader(links: readonly PageLink[]): string | null {
  if (links.length === 0) return null;
  return links.map((link) => `<${link.url}>; rel="${link.rel}"`).join(', ');
}

/**
 * `baseUrl?query` with the parameter `name` (matched case-insensitively, as
 * Manage reads parameter names) set to `value`: replaced where it stood, or
 * appended. The other parameters keep their order and encoding.
 */
export function urlWithParam(baseUrl: string, query: string, name: string, value: number): string {
  const wanted = name.toLowerCase();
  const pairs: string[] = [];
  let replaced = false;
  for (const pair of query.replace(/^\?/, '').split('&')) {
    if (pair === '') continue;
    if (decodedName(pair).toLowerCase() !== wanted) {
      pairs.push(pair);
    } else if (!replaced) {
      pairs.push(`${name}=${value}`);
      replaced = true;
    }
  }
  if (!replaced) pairs.push(`${name}=${value}`);
  return `${baseUrl}?${pairs.join('&')}`;
}

function decodedName(pair: string): string {
  const raw = pair.split('=', 1)[0].replace(/\+/g, ' ');
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
