import type { ManageRecord } from '../store.js';
import { escapeHtml } from './html.js';
import { hostContextScript, navLink, type RenderedScreen, type ScreenContext } from './screen-context.js';

/**
 * A Manage invoice screen (`openrecord.rails?recordType=InvoiceFV&recid=ID`,
 * by analogy with CompanyFV [inferred]). The Hosted API has no invoice screen
 * (docs/connectwise/hosted-api.md#registration), so only the extension can add to it. Lists the time entries
 * the invoice carries.
 */
export function renderInvoiceScreen(ctx: ScreenContext, invoice: ManageRecord): RenderedScreen {
  const company = (invoice.company ?? {}) as Record<string, unknown>;
  const entries = ctx.store.all('timeEntries').filter((e) => (e.invoice as { id?: number } | undefined)?.id === invoice.id);
  const content = `${hostContextScript(ctx, 'invoice', invoice.id)}
  <div class="cw_BannerView cw-main-banner"><div class="cw_CwLabel gwt-Label detailLabel" data-testid="invoice-banner">Invoice ${escapeHtml(invoice.invoiceNumber)}</div></div>
  <div class="pod_invoiceDetails">
    <div><label>Company</label><input class="cw_company" readonly value="${escapeHtml(company.name)}"></div>
    <div><label>Type</label><span>${escapeHtml(invoice.type)}</span> <label>Total</label><span>${escapeHtml(invoice.total)}</span></div>
  </div>
  <div class="pod_invoiceTime"><h3>Time</h3><ul>${entries.map((e) => `<li>${navLink('timeEntry', e.id, `Time entry ${e.id}`, escapeHtml)}</li>`).join('')}</ul></div>`;
  return { title: `Invoice ${String(invoice.invoiceNumber ?? '')} | ConnectWise Manage`, content };
}
