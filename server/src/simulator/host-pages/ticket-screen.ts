import type { ManageRecord } from '../store.js';
import { escapeHtml } from './html.js';
import { hostedFramesFor } from './hosted-setups.js';
import { hostedPodsHtml, hostedTabsHtml } from './hosted-frames-html.js';
import { hostContextScript, navLink, type RenderedScreen, type ScreenContext } from './screen-context.js';

export type { ScreenContext } from './screen-context.js';

/**
 * A service ticket screen with the markers real Manage pages carry
 * (docs/connectwise/screens.md): the "Service Ticket #NNN - summary"
 * label, the `pod_ticket*` containers, `input.cw_company`, the action
 * buttons, and the hosted pods and tabs registered for screen 4.
 */
export function renderTicketScreen(ctx: ScreenContext, ticket: ManageRecord): RenderedScreen {
  const company = (ticket.company ?? {}) as Record<string, unknown>;
  const contact = (ticket.contact ?? {}) as Record<string, unknown>;
  const status = (ticket.status ?? {}) as Record<string, unknown>;
  const board = (ticket.board ?? {}) as Record<string, unknown>;
  const frames = hostedFramesFor(ctx.store, 'ticket', ticket.id);
  const timeEntries = ctx.store.all('timeEntries').filter((e) => e.chargeToType === 'ServiceTicket' && e.chargeToId === ticket.id);
  const companyName =
    typeof company.id === 'number' ? navLink('company', company.id, String(company.name ?? ''), escapeHtml) : escapeHtml(company.name);

  const content = `${hostContextScript(ctx, 'ticket', ticket.id)}
  <div class="cw_BannerView cw-main-banner"><div class="cw_CwLabel gwt-Label detailLabel" data-testid="ticket-banner">Service Ticket #${ticket.id} - ${escapeHtml(ticket.summary)}</div></div>
  ${hostedTabsHtml(frames)}
  <div data-cw-tab-panel="details">
  <div class="cw_CwActionButton"><div class="mm_button" role="button" tabindex="0" data-cw-action="save">Save</div></div>
  <ul id="cw-messages" class="cw-messages" aria-live="polite"></ul>
  <div class="pod_ticketHeader">
    <div data-cwid="company" aria-label="Company"><label>Company</label><input class="cw_company" readonly value="${escapeHtml(company.name)}"><span class="mm_value">${companyName}</span></div>
    <div data-cwid="contact"><label>Contact</label><input class="cw_contact" readonly value="${escapeHtml(contact.name)}"></div>
    <div><label>Board</label><span>${escapeHtml(board.name)}</span> <label>Status</label><span>${escapeHtml(status.name)}</span></div>
  </div>
  <div class="pod_ticketSummary"><h3>Summary</h3><p>${escapeHtml(ticket.summary)}</p></div>
  <div class="pod_ticketHeaderActions"></div>
  <div class="pod_ticketTimeEntries"><h3>Time Entries</h3><ul>${timeEntries
    .map(
      (e) =>
        `<li>${navLink('timeEntry', e.id, `${String((e.member as { identifier?: string } | undefined)?.identifier ?? '')} ${String(e.timeStart ?? '').slice(0, 10)} ${String(e.actualHours ?? '')} h`, escapeHtml)}</li>`,
    )
    .join('')}</ul></div>
  ${hostedPodsHtml(frames)}
  </div>`;
  return { title: `#${ticket.id} - ${String(ticket.summary ?? '')} | ConnectWise Manage`, content };
}
