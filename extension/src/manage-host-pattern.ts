/** The match pattern for a Manage address an admin types, or null when it is not a plain web host. */
export function originPatternFor(input: string): string | null {
  let url: URL;
  try {
    url = new URL(/^https?:\/\//i.test(input.trim()) ? input.trim() : `https://${input.trim()}`);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (!/^[a-z0-9.-]+$/i.test(url.hostname) || !url.hostname.includes('.')) return null;
  return `${url.protocol}//${url.hostname}/*`;
}
