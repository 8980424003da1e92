import type { ScreenName } from './screen-context.js';

/**
 * Manage's single-page shell, `/v4_6_release/ConnectWise.aspx??<route>`
 * (docs/connectwise/screens.md "Addresses", "Navigation"): records change inside #cwContent
 * without a page load. Following an in-app link (`a[data-cw-nav]`) empties
 * #cwContent, fetches the next record's screen, puts it in place a moment
 * later (markers appear after navigation, as on a real site where scripts
 * poll for up to 5 s), and records the route with history.pushState; Back
 * and Forward (popstate) show the earlier record the same way.
 *
 * Routes name the screen as Manage's do (`ServiceTicket`, `CompanyDetail`,
 * `TimeEntry`) with the record as `recid`, e.g.
 * `ConnectWise.aspx??ServiceTicket&recid=1001`.
 */
export const SHELL_PATH = '/v4_6_release/ConnectWise.aspx';

const ROUTE_OF_SCREEN: Record<ScreenName, string> = {
  ticket: 'ServiceTicket',
  company: 'CompanyDetail',
  timeEntry: 'TimeEntry',
  invoice: 'InvoiceDetail',
  agreement: 'AgreementDetail',
};
const SCREEN_OF_ROUTE = new Map(Object.entries(ROUTE_OF_SCREEN).map(([screen, route]) => [route.toLowerCase(), screen as ScreenName]));

export interface ShellRoute {
  screen: ScreenName;
  id: number;
}

/** `??ServiceTicket&recid=1001` (the raw search of the shell URL) → ticket 1001. */
export function parseShellRoute(search: string): ShellRoute | null {
  const [name, ...params] = search.replace(/^\?+/, '').split('&');
  const screen = SCREEN_OF_ROUTE.get(decodeURIComponent(name ?? '').toLowerCase());
  const recid = params.map((p) => p.split('=')).find(([key]) => key.toLowerCase() === 'recid')?.[1];
  const id = Number(recid);
  return screen && Number.isInteger(id) && id > 0 ? { screen, id } : null;
}

export function shellUrl(route: ShellRoute): string {
  return `${SHELL_PATH}??${ROUTE_OF_SCREEN[route.screen]}&recid=${route.id}`;
}

/** Where the shell fetches a screen's content: `{title, content}` as JSON (a simulator address, not Manage's). */
export const SCREEN_CONTENT_PATH = '/simulator/screens';

export const SPA_ROUTER_SCRIPT = `
(function () {
  var shell = JSON.parse(document.getElementById('cw-shell').textContent);
  var routes = { ticket: 'ServiceTicket', company: 'CompanyDetail', timeEntry: 'TimeEntry', timeentry: 'TimeEntry' };
  var content = document.getElementById('cwContent');
  var navigations = 0;

  function show(screen, id, mode) {
    if (mode !== 'pop' && document.body.classList.contains('cw-dirty') && !window.confirm('You have unsaved changes. Leave this screen?')) return;
    var url = shell.path + '??' + routes[screen] + '&recid=' + encodeURIComponent(id);
    if (mode === 'push') history.pushState({ screen: screen, id: id }, '', url);
    if (mode === 'replace') history.replaceState({ screen: screen, id: id }, '', url);
    var ticket = ++navigations;
    content.innerHTML = '<div class="cw-loading">Loading...</div>';
    fetch(shell.contentPath + '/' + screen + '/' + encodeURIComponent(id) + '?member=' + encodeURIComponent(shell.member))
      .then(function (r) { return r.json(); })
      .then(function (screenContent) {
        setTimeout(function () {
          if (ticket !== navigations) return; // a later navigation won
          document.title = screenContent.title;
          content.innerHTML = screenContent.content;
          window.__cwHost.mount();
          window.__cwShell.navigations++;
        }, shell.delayMs);
      });
  }

  window.__cwShell = { navigations: 0, loads: (window.__cwShell && window.__cwShell.loads || 0) + 1 };
  window.__cwNavigate = function (screen, id, options) { show(screen, id, options && options.replace ? 'replace' : 'push'); };
  history.replaceState({ screen: shell.screen, id: shell.id }, '', location.href);

  document.addEventListener('click', function (e) {
    var link = e.target.closest && e.target.closest('a[data-cw-nav]');
    if (!link || e.ctrlKey || e.metaKey || e.shiftKey) return;
    e.preventDefault();
    show(link.getAttribute('data-cw-nav'), link.getAttribute('data-cw-nav-id'), 'push');
  });
  window.addEventListener('popstate', function (e) {
    if (e.state && e.state.screen) show(e.state.screen, e.state.id, 'pop');
  });
})();
`;
