import { defineManifest } from '@crxjs/vite-plugin';

/**
 * Hosts where Manage runs (docs/connectwise/screens.md "Hosts"), plus
 * localhost for the simulator. Self-hosted Manage sites are added by the
 * admin in the options page, which asks the browser for that host.
 */
export const MANAGE_MATCHES = [
  'https://*.myconnectwise.net/*',
  'https://*.connectwise.net/*',
  'https://*.myconnectwise.com/*',
  'https://*.connectwisedev.com/*',
];
export const DEV_MATCHES = ['http://localhost/*', 'http://127.0.0.1/*'];

/** The public key fixes the extension id (keopennlbjapmaegnppobfjgaioidfjp) on every machine. */
export const EXTENSION_ID = 'keopennlbjapmaegnppobfjgaioidfjp';

export default defineManifest({
  manifest_version: 3,
  name: 'ConnectWise Billing',
  description: 'Shows how every time entry will bill, right inside ConnectWise Manage.',
  version: '0.1.0',
  key: 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAxsdt73TsMuD1h3QrJF9Jn0tqfbopiaFohL7cceCY0XkMDbn4gyHAih/wQ5aBEp8y6awoFXVHvsHDClrZgquNdufOy+g16T20CMA0tOIHAWR4a36nOcvkd9Gc0MnY912mPn+1HXONvI1NehghaMBsWiXuSz7Ijp4yKbZ1f++kuHDC289ekKRyPAMUwz3DtZA598I4t5dF3CjfX9CHu9ZruRZdC4tD+ymKDgY4Mxv6YnfxowM92oHFTJKLDPYM4TA0RRWWpUedsNpcukQoQOS3aVXKY92+598Z0aq6meutLyY1GQwmV9y/M9dwkkKeF6aFDAIYQyfTSsImDd67rUkjzwIDAQAB',
  permissions: ['storage', 'scripting'],
  host_permissions: DEV_MATCHES,
  optional_host_permissions: ['https://*/*', 'http://*/*'],
  background: { service_worker: 'src/background.ts', type: 'module' },
  content_scripts: [{ matches: [...MANAGE_MATCHES, ...DEV_MATCHES], js: ['src/content.ts'], run_at: 'document_idle', all_frames: false }],
  options_page: 'src/options/index.html',
  action: { default_popup: 'src/popup/index.html', default_title: 'ConnectWise Billing' },
});
