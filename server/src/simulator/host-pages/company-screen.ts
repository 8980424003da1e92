import type { ManageRecord } from '../store.js';
import { escapeHtml } from './html.js';
import { hostedFramesFor } from './hosted-setups.js';
import { hostedPodsHtml, hostedTabsHtml } from './hosted-frames-html.js';
import { hostContextScript, navLink, type RenderedScreen, type ScreenContext } from './screen-context.js';

/**
 * A company screen (`openrecord.rails?recordType=CompanyFV&recid=ID`) with
 * the markers of docs/connectwise/screens.md: a `.detailLabel` naming the company and
 * `input.cw_company`; the hosted pods and tabs registered for screen 1
 * (CompanyDetail, docs/connectwise/hosted-api.md#registration); links to the company's tickets.
 */
export function renderCompanyScreen(ctx: ScreenContext, company: ManageRecord): RenderedScreen {
  const frames = hostedFramesFor(ctx.store, 'company', company.id);
  const tickets = ctx.store.all('tickets').filter((t) => (t.company as { id?: number } | undefined)?.id === company.id);
  const contacts = ctx.store.all('contacts').filter((c) => (c.company as { id?: number } | undefined)?.id === company.id);
  const status = (company.status ?? {}) as Record<string, unknown>;

  const content = `${hostContextScript(ctx, 'company', company.id)}
  <div class="cw_BannerView cw-main-banner"><div class="cw_CwLabel gwt-Label detailLabel" data-testid="company-banner">${escapeHtml(company.name)}</div></div>
  ${hostedTabsHtml(frames)}
  <div data-cw-tab-panel="details">
  <div class="cw_CwActionButton"><div class="mm_button" role="button" tabindex="0" data-cw-action="save">Save</div></div>
  <ul id="cw-messages" class="cw-messages" aria-live="polite"></ul>
  <div class="pod_companyDetails">
    <div data-cwid="company" aria-label="Company"><label>Company</label><input class="cw_company" readonly value="${escapeHtml(company.name)}"><span class="mm_value">${escapeHtml(company.identifier)}</span></div>
    <div><label>Status</label><span>${escapeHtml(status.name)}</span> <label>Phone</label><span>${escapeHtml(company.phoneNumber)}</span></div>
    <div><label>Address</label><span>${escapeHtml([company.addressLine1, company.city, company.state, company.zip].filter(Boolean).join(', '))}</span></div>
  </div>
  <div class="pod_companyContacts"><h3>Contacts</h3><ul>${contacts.map((c) => `<li>${escapeHtml(`${String(c.firstName ?? '')} ${String(c.lastName ?? '')}`.trim())}</li>`).join('')}</ul></div>
  <div class="pod_companyTickets"><h3>Service Tickets</h3><ul>${tickets
    .map((t) => `<li>${navLink('ticket', t.id, `#${t.id} - ${String(t.summary ?? '')}`, escapeHtml)}</li>`)
    .join('')}</ul></div>
  ${hostedPodsHtml(frames)}
  </div>`;
  return { title: `${String(company.name ?? '')} | ConnectWise Manage`, content };
}
