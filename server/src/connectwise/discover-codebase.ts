/**
 * Asks a Manage site which codebase its API lives under (docs/connectwise/rest-api.md#url-and-codebase:
 * `GET /login/companyinfo/{companyId}`, no auth). Cloud sites answer a
 * versioned codebase such as `v2025_1/`; on-premises ones `v4_6_release/`.
 */
export async function discoverCodebase(site: string, companyId: string, fetchImpl: typeof fetch = fetch): Promise<string> {
  const response = await fetchImpl(`${site.replace(/\/+$/, '')}/login/companyinfo/${encodeURIComponent(companyId)}`, {
    signal: AbortSignal.timeout(15_000),
  });
  if (!response.ok) throw new Error(`ConnectWise company "${companyId}" was not found at ${site} (HTTP ${response.status}).`);
  const info = (await response.json()) as { Codebase?: unknown };
  if (typeof info.Codebase !== 'string' || !/^v[\w.]+\/$/.test(info.Codebase))
    throw new Error(`Unexpected companyinfo answer from ${site}.`);
  return info.Codebase;
}
