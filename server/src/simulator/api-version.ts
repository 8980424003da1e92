/**
 * Manage's API versioning by Accept header (DG "Versioning", docs/connectwise/rest-api.md#versioning):
 * `Accept: application/vnd.connectwise.com+json; version=2019.1`. A request
 * for version X gets the newest model at or below X; no version means the
 * latest. A version newer than the site's own is served as the site's newest
 * [inferred: the docs do not say; this is what "newest model ≤ X" gives].
 * The served version is echoed in the `api-current-version` response header.
 */
const VERSION_PARAM = /application\/vnd\.connectwise\.com\+json\s*;[^,]*?\bversion\s*=\s*"?(\d{4})\.(\d{1,2})"?/i;

/** `2021.1` from an Accept header, or undefined when it names none (connectwise-rest sends `…; version=2021.1, application/json`). */
export function requestedVersion(accept: string | undefined): string | undefined {
  const match = VERSION_PARAM.exec(accept ?? '');
  return match ? `${match[1]}.${Number(match[2])}` : undefined;
}

/** The version this site serves for a request: the one asked for, capped at the site's newest. */
export function servedVersion(accept: string | undefined, newest: string): string {
  const asked = requestedVersion(accept);
  if (!asked) return newest;
  return compareVersions(asked, newest) > 0 ? newest : asked;
}

export function compareVersions(a: string, b: string): number {
  const [aYear, aRelease] = a.split('.').map(Number);
  const [bYear, bRelease] = b.split('.').map(Number);
  return aYear !== bYear ? aYear - bYear : (aRelease ?? 0) - (bRelease ?? 0);
}
