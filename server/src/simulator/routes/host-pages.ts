import { Hono } from 'hono';
import type { ManageStore } from '../store.js';
import type { SimulatorIdentity } from '../identity.js';
import { renderTicketScreen } from '../host-pages/ticket-screen.js';
import { manageLayout } from '../host-pages/layout.js';
import { escapeHtml } from '../host-pages/html.js';

/**
 * Simulated Manage UI screens, at the addresses real Manage uses
 * (../shared/connectwise/SCREENS.md "Addresses"). The signed-in member is
 * `admin` unless `?member=` names another (the simulator has no login screen).
 */
export function hostPageRoutes(deps: { store: ManageStore; identity: SimulatorIdentity }): Hono {
  const app = new Hono();

  const ticketScreen = (recordIdParam: string | undefined, member: string | undefined, baseUrl: string) => {
    const id = Number(recordIdParam);
    const ticket = Number.isInteger(id) ? deps.store.get('tickets', id) : undefined;
    if (!ticket) return null;
    return renderTicketScreen({ store: deps.store, identity: deps.identity, memberIdentifier: member ?? 'admin', publicBaseUrl: baseUrl }, ticket);
  };

  const ticketPaths = ['/v4_6_release/services/system_io/Service/fv_sr100_request.rails', '/v4_6_release/Service/Tickets/Detail.aspx', '/v4_6_release/Tickets/Detail.aspx'];
  for (const path of ticketPaths) {
    app.get(path, (c) => {
      const query = lowerCaseQuery(new URL(c.req.url).searchParams);
      const base = new URL(c.req.url).origin;
      const html = ticketScreen(query.get('service_recid') ?? query.get('recid') ?? query.get('serviceticketid') ?? query.get('srrecid'), query.get('member'), base);
      return html ? c.html(html) : c.html(notFoundPage('Ticket'), 404);
    });
  }
  return app;
}

/** Manage reads these parameters case-insensitively (SCREENS.md). */
function lowerCaseQuery(params: URLSearchParams): Map<string, string> {
  return new Map([...params.entries()].map(([k, v]) => [k.toLowerCase(), v]));
}

function notFoundPage(what: string): string {
  return manageLayout({ title: `${what} not found | ConnectWise Manage`, body: `<p>${escapeHtml(what)} not found.</p>` });
}
