import browser from 'webextension-polyfill';
import { features } from '../feature-manager.js';
import { companyIdOf, isCompanyScreen } from '../cw/page-detect.js';
import { SELECTORS } from '../cw/selectors.js';
import { observe } from '../helpers/observe.js';
import { mountPanel } from '../helpers/mount-panel.js';
import { CompanyBillingSummary } from '../../../shared/ui/company-billing-summary.js';
import type { ExtensionResponse } from '../../../shared/messages.js';
import type { CompanyBilling } from '../../../shared/schemas/company-billing.js';

/** The company panel: the billing account behind the company, for MSPs without the company pod. */
async function init(signal: AbortSignal): Promise<void> {
  const companyId = companyIdOf(new URL(location.href), document);
  if (companyId === null) return;
  observe(
    SELECTORS.banner,
    (banner) => {
      const panel = mountPanel(banner, 'company-billing-panel', signal);
      if (!panel) return;
      panel.render(
        <p class="cwb cwb-state" role="status">
          Loading billing for this company…
        </p>,
      );
      void (browser.runtime.sendMessage({ type: 'company-billing', companyId }) as Promise<ExtensionResponse<CompanyBilling>>).then(
        (response) => {
          if (signal.aborted) return;
          if (response.ok) panel.render(<CompanyBillingSummary billing={response.data} />);
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

features.add('company-billing-panel', {
  include: [isCompanyScreen],
  screenKey: (url, doc) => String(companyIdOf(url, doc)),
  init,
});
