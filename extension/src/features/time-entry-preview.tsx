import browser from 'webextension-polyfill';
import { features } from '../feature-manager.js';
import { isTimeEntryScreen } from '../cw/page-detect.js';
import { SELECTORS } from '../cw/selectors.js';
import { readTimeEntryForm } from '../cw/read-time-entry-form.js';
import { observe } from '../helpers/observe.js';
import { mountPanel } from '../helpers/mount-panel.js';
import { formatMoney } from '../../../shared/money.js';
import type { ExtensionResponse } from '../../../shared/messages.js';
import type { TimeEntryPreview } from '../../../shared/schemas/ticket-billing.js';

/**
 * While a technician fills in a time entry: the rate and amount it will bill,
 * as ConnectWise will compute them, and a warning when its work role × work
 * type is not mapped to a billing product.
 */
function init(signal: AbortSignal): void {
  observe(
    SELECTORS.timeEntryDetails,
    (details) => {
      const panel = mountPanel(details, 'time-entry-preview', signal);
      if (!panel) return;
      let timer: ReturnType<typeof setTimeout> | undefined;
      let asked = 0;
      const refresh = () => {
        const values = readTimeEntryForm(document);
        if (!values) {
          panel.render(
            <p class="cwb cwb-state" role="status">
              Enter the work role, work type and hours to see what this entry will bill.
            </p>,
          );
          return;
        }
        const question = ++asked;
        void (browser.runtime.sendMessage({ type: 'time-entry-preview', ...values }) as Promise<ExtensionResponse<TimeEntryPreview>>).then(
          (answer) => {
            if (signal.aborted || question !== asked) return;
            if (!answer.ok) {
              panel.render(
                <p class="cwb cwb-state error" role="alert">
                  {answer.error.message}
                </p>,
              );
              return;
            }
            const p = answer.data;
            panel.render(
              <div class="cwb" data-testid="time-entry-preview" role="status">
                <p class="cwb-summary">
                  <span>
                    Will bill:{' '}
                    <strong data-testid="preview-amount">{formatMoney({ amountCents: p.amountCents, currency: p.currency })}</strong>
                  </span>
                  <span>
                    {p.billedHours} h ×{' '}
                    {p.hourlyRateCents === null ? '—' : formatMoney({ amountCents: p.hourlyRateCents, currency: p.currency })}/h
                  </span>
                </p>
                <p class="cwb-explain">{p.explanation}</p>
                {p.warning ? (
                  <p class="cwb-state error" data-testid="preview-warning">
                    {p.warning}
                  </p>
                ) : null}
              </div>,
            );
          },
        );
      };
      // Manage re-renders fields often: listen on the document, filtered to the form's fields.
      const onEdit = (event: Event) => {
        if (!(event.target instanceof Element) || !event.target.closest(SELECTORS.timeEntryDetails)) return;
        clearTimeout(timer);
        timer = setTimeout(refresh, 300);
      };
      document.addEventListener('input', onEdit, { signal });
      document.addEventListener('change', onEdit, { signal });
      refresh();
    },
    { signal },
  );
}

features.add('time-entry-preview', { include: [isTimeEntryScreen], init });
