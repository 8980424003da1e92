import type { BrowserContext, Page } from 'playwright-core';
import { EXTENSION_ID } from '../../extension/manifest.config.js';

/** What an admin does once: open the extension's options, enter the server and a token, test the connection. */
export async function connectExtension(context: BrowserContext, serverUrl: string, token: string, keepOpen = false): Promise<Page> {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${EXTENSION_ID}/src/options/index.html`);
  await options.getByLabel('Billing server address').fill(serverUrl);
  await options.getByLabel('API token').fill(token);
  await options.getByRole('button', { name: 'Save and test connection' }).click();
  await options.getByText(/Connected as/).waitFor({ timeout: 15_000 });
  if (!keepOpen) await options.close();
  return options;
}
