import browser from 'webextension-polyfill';
import { features } from '../feature-manager.js';
import { isTicketScreen, ticketIdOf } from '../cw/page-detect.js';
import { SELECTORS } from '../cw/selectors.js';
import { observe } from '../helpers/observe.js';
import { mountPanel } from '../helpers/mount-panel.js';
import { TicketBillingTable } from '../../../shared/ui/time-entry-table.js';
import type { ExtensionResponse } from '../../../shared/messages.js';
import type { TicketBilling } from '../../../shared/schemas/ticket-billing.js';

/** The ticket panel: the ticket pod's content, for MSPs who have not installed the pod. */
async function init(signal: AbortSignal): Promise<void> {
  const ticketId = ticketIdOf(new URL(location.href), document);
  if (ticketId === null) return;
  observe(
    SELECTORS.ticketHeader,
    (header) => {
      const panel = mountPanel(header, 'ticket-billing-panel', signal);
      if (!panel) return;
      panel.render(
        <p class="cwb cwb-state" role="status">
          Loading billing for ticket #{ticketId}…
        </p>,
      );
      void (browser.runtime.sendMessage({ type: 'ticket-billing', ticketId }) as Promise<ExtensionResponse<TicketBilling>>).then(
        (response) => {
          if (signal.aborted) return;
          if (response.ok) panel.render(<TicketBillingTable billing={response.data} />);
          else
            panel.render(
              <p class="cwb cwb-state error" role="alert">
                {response.error.message}
              </p>,
            );
        },
      );
    },
    { signal },
  );
}

features.add('ticket-billing-panel', {
  include: [isTicketScreen],
  screenKey: (url, doc) => String(ticketIdOf(url, doc)),
  init,
});
