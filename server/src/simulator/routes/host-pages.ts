import { Hono } from 'hono';
import type { ManageStore } from '../store.js';
import type { SimulatorIdentity } from '../identity.js';
import { renderTicketScreen } from '../host-pages/ticket-screen.js';
import { renderCompanyScreen } from '../host-pages/company-screen.js';
import { renderTimeEntryScreen } from '../host-pages/time-entry-screen.js';
import { renderInvoiceScreen } from '../host-pages/invoice-screen.js';
import { renderAgreementScreen } from '../host-pages/agreement-screen.js';
import { manageLayout } from '../host-pages/layout.js';
import { escapeHtml, scriptJson } from '../host-pages/html.js';
import { HOSTED_API_HOST_SCRIPT } from '../host-pages/hosted-api-host-script.js';
import type { RenderedScreen, ScreenContext, ScreenName } from '../host-pages/screen-context.js';
import { linkTo } from '../host-pages/screen-context.js';
import { parseShellRoute, SCREEN_CONTENT_PATH, SHELL_PATH, SPA_ROUTER_SCRIPT } from '../host-pages/spa-shell.js';

/**
 * Simulated Manage UI screens, at the addresses real Manage uses
 * (docs/connectwise/screens.md "Addresses"): the classic ticket deep
 * links, `openrecord.rails` for companies (CompanyFV) and time entries
 * (TimeEntryFV), and the single-page shell ConnectWise.aspx. The signed-in
 * member is `admin` unless `?member=` names another (the simulator has no
 * login screen).
 */
export function hostPageRoutes(deps: { store: ManageStore; identity: SimulatorIdentity }): Hono {
  const app = new Hono();
  const context = (url: URL): ScreenContext => ({
    store: deps.store,
    identity: deps.identity,
    memberIdentifier: lowerCaseQuery(url.searchParams).get('member') ?? 'admin',
    publicBaseUrl: url.origin,
  });
  const render = (screen: ScreenName, id: number, ctx: ScreenContext): RenderedScreen | null => {
    if (!Number.isInteger(id) || id <= 0) return null;
    if (screen === 'ticket') {
      const ticket = deps.store.get('tickets', id);
      return ticket ? renderTicketScreen(ctx, ticket) : null;
    }
    if (screen === 'company') {
      const company = deps.store.get('companies', id);
      return company ? renderCompanyScreen(ctx, company) : null;
    }
    if (screen === 'agreement') {
      const agreement = deps.store.get('agreements', id);
      return agreement ? renderAgreementScreen(ctx, agreement) : null;
    }
    if (screen === 'invoice') {
      const invoice = deps.store.get('invoices', id);
      return invoice ? renderInvoiceScreen(ctx, invoice) : null;
    }
    const entry = deps.store.get('timeEntries', id);
    return entry ? renderTimeEntryScreen(ctx, entry) : null;
  };
  const page = (screen: RenderedScreen | null, what: string) =>
    screen
      ? manageLayout({ title: screen.title, body: screen.content, tailScript: HOSTED_API_HOST_SCRIPT })
      : manageLayout({ title: `${what} not found | ConnectWise Manage`, body: `<p>${escapeHtml(what)} not found.</p>` });

  const ticketPaths = [
    '/v4_6_release/services/system_io/Service/fv_sr100_request.rails',
    '/v4_6_release/Service/Tickets/Detail.aspx',
    '/v4_6_release/Tickets/Detail.aspx',
  ];
  for (const path of ticketPaths) {
    app.get(path, (c) => {
      const url = new URL(c.req.url);
      const query = lowerCaseQuery(url.searchParams);
      const id = Number(query.get('service_recid') ?? query.get('recid') ?? query.get('serviceticketid') ?? query.get('srrecid'));
      const screen = render('ticket', id, context(url));
      return c.html(page(screen, 'Ticket'), screen ? 200 : 404);
    });
  }

  // openrecord.rails?recordType=CompanyFV&recid=ID (docs/connectwise/screens.md); TimeEntryFV by analogy [inferred].
  app.get('/v4_6_release/services/system_io/router/openrecord.rails', (c) => {
    const url = new URL(c.req.url);
    const query = lowerCaseQuery(url.searchParams);
    const kind = (query.get('recordtype') ?? '').toLowerCase();
    const screenName: ScreenName | undefined = (
      { companyfv: 'company', timeentryfv: 'timeEntry', servicefv: 'ticket', invoicefv: 'invoice', agreementfv: 'agreement' } as Record<
        string,
        ScreenName
      >
    )[kind];
    if (!screenName) return c.html(page(null, 'Record'), 404);
    const screen = render(screenName, Number(query.get('recid')), context(url));
    return c.html(
      page(
        screen,
        { company: 'Company', ticket: 'Ticket', timeEntry: 'Time entry', invoice: 'Invoice', agreement: 'Agreement' }[screenName],
      ),
      screen ? 200 : 404,
    );
  });

  app.get(SHELL_PATH, (c) => {
    const url = new URL(c.req.url);
    const ctx = context(url);
    const firstTicket = deps.store.all('tickets')[0];
    const route = parseShellRoute(url.search) ?? (firstTicket ? { screen: 'ticket' as const, id: firstTicket.id } : null);
    const screen = route ? render(route.screen, route.id, ctx) : null;
    if (!route || !screen) return c.html(page(null, 'Record'), 404);
    const delay = Number(lowerCaseQuery(url.searchParams).get('navdelayms'));
    const shell = {
      path: SHELL_PATH,
      contentPath: SCREEN_CONTENT_PATH,
      member: ctx.memberIdentifier,
      screen: route.screen,
      id: route.id,
      // How long after a navigation the next record's markers appear.
      delayMs: Number.isFinite(delay) && delay >= 0 ? delay : 300,
    };
    const firstCompany = deps.store.all('companies')[0];
    const nav = `<nav class="cw-nav" aria-label="Manage">${
      firstTicket
        ? `<a href="${linkTo('ticket', firstTicket.id)}" data-cw-nav="ticket" data-cw-nav-id="${firstTicket.id}">Service Board</a>`
        : ''
    }${firstCompany ? `<a href="${linkTo('company', firstCompany.id)}" data-cw-nav="company" data-cw-nav-id="${firstCompany.id}">Companies</a>` : ''}</nav>`;
    return c.html(
      manageLayout({
        title: screen.title,
        body: screen.content,
        beforeContent: nav,
        headScripts: `<script type="application/json" id="cw-shell">${scriptJson(shell)}</script>`,
        tailScript: HOSTED_API_HOST_SCRIPT + SPA_ROUTER_SCRIPT,
      }),
    );
  });

  app.get(`${SCREEN_CONTENT_PATH}/:screen/:id`, (c) => {
    const screenName = c.req.param('screen') as ScreenName;
    if (!['ticket', 'company', 'timeEntry', 'invoice', 'agreement'].includes(screenName))
      return c.json({ code: 'NotFound', message: 'No such screen' }, 404);
    const screen = render(screenName, Number(c.req.param('id')), context(new URL(c.req.url)));
    return screen ? c.json(screen) : c.json({ code: 'NotFound', message: `${screenName} ${c.req.param('id')} not found` }, 404);
  });
  return app;
}

/** Manage reads these parameters case-insensitively (docs/connectwise/screens.md). */
function lowerCaseQuery(params: URLSearchParams): Map<string, string> {
  return new Map([...params.entries()].map(([k, v]) => [k.toLowerCase(), v]));
}
