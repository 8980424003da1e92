import browser from 'webextension-polyfill';

/**
 * What the extension keeps: the server address, the token, and which
 * features are switched on. Nothing else is stored.
 */
export interface ExtensionSettings {
  serverUrl: string;
  token: string;
  disabledFeatures: string[];
}

const DEFAULTS: ExtensionSettings = { serverUrl: '', token: '', disabledFeatures: [] };

export async function readSettings(): Promise<ExtensionSettings> {
  const stored = (await browser.storage.local.get(['serverUrl', 'token', 'disabledFeatures'])) as Partial<ExtensionSettings>;
  return {
    serverUrl: typeof stored.serverUrl === 'string' ? stored.serverUrl : DEFAULTS.serverUrl,
    token: typeof stored.token === 'string' ? stored.token : DEFAULTS.token,
    disabledFeatures: Array.isArray(stored.disabledFeatures) ? stored.disabledFeatures.filter((f) => typeof f === 'string') : [],
  };
}

export async function writeSettings(patch: Partial<ExtensionSettings>): Promise<void> {
  await browser.storage.local.set(patch);
}
