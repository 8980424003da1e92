import browser from 'webextension-polyfill';
export { originPatternFor } from './manage-host-pattern.js';

/**
 * Self-hosted Manage sites the admin adds in the options page. For each, the
 * browser is asked for that host's permission, then the content script is
 * registered for it (cloud hosts are in the manifest already).
 */
const scriptId = (pattern: string) => `manage-host:${pattern}`;

/** Must run from a user gesture (the options page's button): the browser prompts. */
export async function addManageHost(pattern: string): Promise<boolean> {
  const granted = await browser.permissions.request({ origins: [pattern] });
  if (!granted) return false;
  await registerContentScriptFor(pattern);
  return true;
}

export async function registerContentScriptFor(pattern: string): Promise<void> {
  const js = browser.runtime.getManifest().content_scripts?.[0]?.js ?? [];
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [scriptId(pattern)] });
  if (existing.length > 0) return;
  await browser.scripting.registerContentScripts([
    { id: scriptId(pattern), matches: [pattern], js, runAt: 'document_idle', persistAcrossSessions: true },
  ]);
}

export async function removeManageHost(pattern: string): Promise<void> {
  await browser.scripting.unregisterContentScripts({ ids: [scriptId(pattern)] }).catch(() => undefined);
  await browser.permissions.remove({ origins: [pattern] });
}

/** Hosts granted beyond the manifest's: the optional permissions the admin accepted. */
export async function listManageHosts(): Promise<string[]> {
  const all = await browser.permissions.getAll();
  const manifest = browser.runtime.getManifest();
  // The cloud hosts of the manifest's content scripts count as granted too: only the admin's own are listed.
  const fixed = new Set([...(manifest.host_permissions ?? []), ...(manifest.content_scripts ?? []).flatMap((c) => c.matches ?? [])]);
  return (all.origins ?? []).filter((o) => !fixed.has(o));
}
