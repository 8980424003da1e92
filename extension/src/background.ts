import browser from 'webextension-polyfill';
import { ExtensionRequestSchema, type ExtensionRequest, type ExtensionResponse, type ExtensionStatus } from '../../shared/messages.js';
import { POWERS } from '../../shared/powers.js';
import { createApiClient, ApiClientError } from '../../shared/api-client.js';
import { readSettings } from './settings.js';

/**
 * The background worker makes every call to the billing server, with the
 * token from the options page; content scripts never see the token.
 */
browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) => {
  if (sender.id !== browser.runtime.id) return undefined;
  const parsed = ExtensionRequestSchema.safeParse(message);
  if (!parsed.success) return Promise.resolve(failure(400, 'bad_request', 'Unrecognised message.'));
  return handle(parsed.data);
});

async function handle(request: ExtensionRequest): Promise<ExtensionResponse> {
  const settings = await readSettings();
  if (!settings.serverUrl || !settings.token) {
    return failure(0, 'not_configured', 'Open the extension options and connect it to your billing server.');
  }
  const api = createApiClient({ baseUrl: settings.serverUrl, getToken: () => settings.token });
  try {
    switch (request.type) {
      case 'ticket-billing':
        return { ok: true, data: await api.ticketBilling(request.ticketId) };
      case 'test-connection':
        return { ok: true, data: await api.whoAmI() };
      case 'time-entry-preview': {
        const { type: _type, ...input } = request;
        return { ok: true, data: await api.previewTimeEntry(input) };
      }
      case 'agreement-billing':
        return { ok: true, data: await api.agreementBilling(request.agreementId) };
      case 'invoice-overlap':
        return { ok: true, data: await api.invoiceOverlap(request.invoiceId) };
      case 'company-billing':
        return { ok: true, data: await api.companyBilling(request.companyId) };
      case 'status':
        return { ok: true, data: await readStatus(api) };
      case 'sync-now':
        return { ok: true, data: await api.syncNow('incremental') };
    }
  } catch (error) {
    if (error instanceof ApiClientError) {
      if (error.status === 0) return failure(0, 'unreachable', `The billing server at ${settings.serverUrl} cannot be reached.`);
      return failure(error.status, error.body?.code ?? 'error', error.body?.message ?? `The billing server answered ${error.status}.`);
    }
    return failure(0, 'error', (error as Error).message);
  }
}

async function readStatus(api: ReturnType<typeof createApiClient>): Promise<ExtensionStatus> {
  const me = await api.whoAmI();
  const mayQuarantine = me.powers.includes(POWERS.quarantine);
  const [summary, runs] = await Promise.all([mayQuarantine ? api.quarantineSummary() : Promise.resolve(null), api.syncRuns(1)]);
  const last = runs.items[0];
  return {
    name: me.name,
    powers: me.powers,
    quarantineOpen: summary ? summary.open : null,
    lastRun: last ? { status: last.status, startedAt: last.startedAt, added: last.added, quarantined: last.quarantined } : null,
  };
}

function failure(status: number, code: string, message: string): ExtensionResponse {
  return { ok: false, error: { code, message, status } };
}
