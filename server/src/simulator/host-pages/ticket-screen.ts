import type { ManageRecord, ManageStore } from '../store.js';
import type { SimulatorIdentity } from '../identity.js';
import { escapeHtml, scriptJson } from './html.js';
import { hostedFramesFor } from './hosted-setups.js';
import { HOSTED_API_HOST_SCRIPT } from './hosted-api-host-script.js';
import { manageLayout } from './layout.js';

/**
 * A service ticket screen with the markers real Manage pages carry
 * (../shared/connectwise/SCREENS.md): the "Service Ticket #NNN - summary"
 * label, `#cwContent`, the `pod_ticket*` containers, `input.cw_company`, the
 * action buttons, and the hosted pods registered for screen 4.
 */
export interface ScreenContext {
  store: ManageStore;
  identity: SimulatorIdentity;
  /** The member signed in to the simulated Manage UI. */
  memberIdentifier: string;
  publicBaseUrl: string;
}

export function renderTicketScreen(ctx: ScreenContext, ticket: ManageRecord): string {
  const company = (ticket.company ?? {}) as Record<string, unknown>;
  const contact = (ticket.contact ?? {}) as Record<string, unknown>;
  const status = (ticket.status ?? {}) as Record<string, unknown>;
  const board = (ticket.board ?? {}) as Record<string, unknown>;
  const frames = hostedFramesFor(ctx.store, 'ticket', ticket.id);
  const member = ctx.store.all('members').find((m) => String(m.identifier).toLowerCase() === ctx.memberIdentifier.toLowerCase());
  const hostContext = {
    screen: 'ticket',
    recordId: ticket.id,
    member: {
      site: ctx.publicBaseUrl + '/',
      companyid: ctx.identity.credentials.companyId,
      memberid: String(member?.identifier ?? ctx.memberIdentifier),
      memberHash: ctx.identity.memberHashFor(String(member?.identifier ?? ctx.memberIdentifier)),
      memberContext: 'web',
      memberEmail: String(member?.primaryEmail ?? ''),
    },
    links: {
      ticket: '/v4_6_release/services/system_io/Service/fv_sr100_request.rails?service_recid={id}',
      company: '/v4_6_release/services/system_io/router/openrecord.rails?locale=en_US&recordType=CompanyFV&recid={id}',
    },
  };

  const body = `
  <div class="cw_BannerView cw-main-banner"><div class="cw_CwLabel gwt-Label detailLabel" data-testid="ticket-banner">Service Ticket #${ticket.id} - ${escapeHtml(ticket.summary)}</div></div>
  <div class="cw_CwActionButton"><div class="mm_button" role="button" tabindex="0" data-cw-action="save">Save</div></div>
  <ul id="cw-messages" class="cw-messages" aria-live="polite"></ul>
  <div class="pod_ticketHeader">
    <div data-cwid="company" aria-label="Company"><label>Company</label><input class="cw_company" readonly value="${escapeHtml(company.name)}"><span class="mm_value">${escapeHtml(company.name)}</span></div>
    <div data-cwid="contact"><label>Contact</label><input class="cw_contact" readonly value="${escapeHtml(contact.name)}"></div>
    <div><label>Board</label><span>${escapeHtml(board.name)}</span> <label>Status</label><span>${escapeHtml(status.name)}</span></div>
  </div>
  <div class="pod_ticketSummary"><h3>Summary</h3><p>${escapeHtml(ticket.summary)}</p></div>
  <div class="pod_ticketHeaderActions"></div>
  <div class="cw-hosted-pods">
    ${frames
      .filter((f) => f.type === 'Pod')
      .map(
        (f) => `<section class="pod_hosted" aria-label="${escapeHtml(f.description)}"><h3 class="pod_title">${escapeHtml(f.description)}</h3>
      <iframe data-cw-hosted data-setup-id="${f.setupId}" data-origin="${escapeHtml(f.origin)}" data-hosted-as="pod" title="${escapeHtml(f.description)}" src="${escapeHtml(f.src)}" style="height:${f.podHeight}px"></iframe></section>`,
      )
      .join('\n')}
  </div>`;

  return manageLayout({
    title: `#${ticket.id} - ${String(ticket.summary ?? '')} | ConnectWise Manage`,
    body,
    headScripts: `<script type="application/json" id="cw-host-context">${scriptJson(hostContext)}</script>`,
    tailScript: HOSTED_API_HOST_SCRIPT,
  });
}
