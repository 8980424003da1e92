import browser from 'webextension-polyfill';
import { features } from '../feature-manager.js';
import { invoiceIdOf, isInvoiceScreen } from '../cw/page-detect.js';
import { SELECTORS } from '../cw/selectors.js';
import { observe } from '../helpers/observe.js';
import { mountPanel } from '../helpers/mount-panel.js';
import { formatMoney } from '../../../shared/money.js';
import type { ExtensionResponse } from '../../../shared/messages.js';
import type { InvoiceOverlap } from '../../../shared/schemas/connectwise-invoices.js';

const KIND = { time: 'Time entry', product: 'Product', expense: 'Expense' } as const;

/**
 * On a ConnectWise invoice (a screen the Hosted API cannot host a pod on):
 * which of its items our billing also charges, so nothing is billed twice.
 */
function init(signal: AbortSignal): void {
  const invoiceId = invoiceIdOf(new URL(location.href), document);
  if (invoiceId === null) return;
  observe(
    SELECTORS.banner,
    (banner) => {
      const panel = mountPanel(banner, 'invoice-double-billing', signal);
      if (!panel) return;
      panel.render(
        <p class="cwb cwb-state" role="status">
          Checking this invoice against billing…
        </p>,
      );
      void (browser.runtime.sendMessage({ type: 'invoice-overlap', invoiceId }) as Promise<ExtensionResponse<InvoiceOverlap>>).then(
        (answer) => {
          if (signal.aborted) return;
          if (!answer.ok)
            return panel.render(
              <p class="cwb cwb-state error" role="alert">
                {answer.error.message}
              </p>,
            );
          const twice = answer.data.items.filter((i) => i.ourCharge);
          panel.render(
            twice.length === 0 ? (
              <p class="cwb cwb-state" data-testid="invoice-overlap" data-billed-twice="0">
                None of the {answer.data.items.length} items on this invoice is charged in billing: nothing is billed twice.
              </p>
            ) : (
              <div class="cwb cwb-state error" role="alert" data-testid="invoice-overlap" data-billed-twice={twice.length}>
                <strong>
                  {twice.length} of the {answer.data.items.length} items on this invoice are also charged in billing. Remove them from one
                  side.
                </strong>
                <ul>
                  {twice.map((i) => (
                    <li key={`${i.kind}-${i.id}`}>
                      {KIND[i.kind]} {i.id}: {formatMoney({ amountCents: i.ourCharge!.amountCents, currency: i.ourCharge!.currency })}{' '}
                      {i.ourCharge!.status === 'pending' ? 'pending' : `on our invoice ${i.ourCharge!.invoiceNumber ?? '(draft)'}`}
                    </li>
                  ))}
                </ul>
              </div>
            ),
          );
        },
      );
    },
    { signal },
  );
}

features.add('invoice-double-billing', { include: [isInvoiceScreen], screenKey: (url, doc) => String(invoiceIdOf(url, doc)), init });
