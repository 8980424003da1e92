import browser from 'webextension-polyfill';
import { features } from '../feature-manager.js';
import { agreementIdOf, isAgreementScreen } from '../cw/page-detect.js';
import { SELECTORS } from '../cw/selectors.js';
import { observe } from '../helpers/observe.js';
import { mountPanel } from '../helpers/mount-panel.js';
import { formatMoney } from '../../../shared/money.js';
import { CompanyBillingSummary } from '../../../shared/ui/company-billing-summary.js';
import type { ExtensionResponse } from '../../../shared/messages.js';
import type { AgreementBilling } from '../../../shared/schemas/connectwise-invoices.js';

/**
 * On a ConnectWise agreement: its additions (billed by ConnectWise) beside
 * what our billing has for the same company, so the same service is not
 * billed on both sides.
 */
function init(signal: AbortSignal): void {
  const agreementId = agreementIdOf(new URL(location.href), document);
  if (agreementId === null) return;
  observe(
    SELECTORS.banner,
    (banner) => {
      const panel = mountPanel(banner, 'agreement-billing-panel', signal);
      if (!panel) return;
      panel.render(
        <p class="cwb cwb-state" role="status">
          Comparing this agreement with billing…
        </p>,
      );
      void (browser.runtime.sendMessage({ type: 'agreement-billing', agreementId }) as Promise<ExtensionResponse<AgreementBilling>>).then(
        (answer) => {
          if (signal.aborted) return;
          if (!answer.ok)
            return panel.render(
              <p class="cwb cwb-state error" role="alert">
                {answer.error.message}
              </p>,
            );
          const { additions, company, currency } = answer.data;
          panel.render(
            <div class="cwb" data-testid="agreement-billing">
              <h2>Billed by ConnectWise through this agreement</h2>
              {additions.length === 0 ? (
                <p>No additions.</p>
              ) : (
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Addition</th>
                      <th scope="col" class="num">
                        Quantity
                      </th>
                      <th scope="col" class="num">
                        Unit price
                      </th>
                      <th scope="col">Bill customer</th>
                    </tr>
                  </thead>
                  <tbody>
                    {additions.map((a) => (
                      <tr key={a.id} data-testid="agreement-addition">
                        <td>{a.product}</td>
                        <td class="num">{a.quantity}</td>
                        <td class="num">{formatMoney({ amountCents: a.unitPriceCents, currency })}</td>
                        <td>{a.billCustomer}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              <h2>Billed by us for this company</h2>
              {company ? <CompanyBillingSummary billing={company} /> : <p>The agreement names no company.</p>}
            </div>,
          );
        },
      );
    },
    { signal },
  );
}

features.add('agreement-billing-panel', { include: [isAgreementScreen], screenKey: (url, doc) => String(agreementIdOf(url, doc)), init });
