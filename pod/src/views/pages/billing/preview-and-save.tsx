import { useState } from 'preact/hooks';
import type { PreviewFeeLine, SubscriptionChange, SubscriptionPreview } from '../../../../../shared/schemas/billing-desk.js';
import type { BillingDeskClient } from '../../../api/billing-desk.js';
import { describeApiError } from '../../describe-api-error.js';
import { InlineError } from '../../inline-error.js';
import { lastDay, money, quantity } from './desk-format.js';

/**
 * A subscription change is saved only after its pro-rating was shown for exactly the terms
 * being saved: the server computes it with the invoice run's own fee code, so the cents here
 * are the cents billed. Any edit after the preview asks for a new one.
 */
export function PreviewAndSave(props: {
  desk: BillingDeskClient;
  accountId: number;
  /** The change as the form has it now, or why it cannot be sent yet. */
  change: SubscriptionChange | string;
  saveLabel: string;
  onSave: () => Promise<void>;
}) {
  const key = typeof props.change === 'string' ? '' : JSON.stringify(props.change);
  const [preview, setPreview] = useState<{ key: string; value: SubscriptionPreview } | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const current = preview && preview.key === key ? preview.value : null;

  const run = async (what: 'preview' | 'save') => {
    if (typeof props.change === 'string') return setError(props.change);
    setBusy(true);
    setError('');
    try {
      if (what === 'preview') setPreview({ key, value: await props.desk.previewChange(props.accountId, props.change) });
      else await props.onSave();
    } catch (e) {
      setError(describeApiError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div>
      <p>
        <button type="button" disabled={busy} onClick={() => void run('preview')}>
          Preview pro-rating
        </button>{' '}
        <button type="button" class="cwb-primary" disabled={busy || !current} onClick={() => void run('save')}>
          {props.saveLabel}
        </button>
      </p>
      <InlineError message={error} />
      {current ? (
        <ProrationPreview preview={current} />
      ) : preview ? (
        <p class="cwb-explain">The terms changed since the preview: preview again before saving.</p>
      ) : (
        <p class="cwb-explain">Preview first: it shows what the change bills, day by day, before anything is saved.</p>
      )}
    </div>
  );
}

function ProrationPreview(props: { preview: SubscriptionPreview }) {
  const p = props.preview;
  const $ = (cents: number) => money(cents, p.currency);
  const period = `${p.period.start} to ${lastDay(p.period.end)}`;
  return (
    <div data-testid="proration-preview" data-difference-cents={p.differenceCents} data-after-cents={p.afterCents}>
      <h3>
        Period {period}
        {p.period.start !== p.period.regularStart || p.period.end !== p.period.regularEnd
          ? ` (part of ${p.period.regularStart} to ${lastDay(p.period.regularEnd)}, ${p.period.regularDays} days)`
          : ` (${p.period.regularDays} days)`}
      </h3>
      {p.before.length > 0 ? (
        <FeeLines caption="Before the change" lines={p.before} currency={p.currency} totalCents={p.beforeCents} />
      ) : null}
      <FeeLines
        caption={p.change === 'subscribe' ? 'Fees of the new subscription' : 'After the change'}
        lines={p.after}
        currency={p.currency}
        totalCents={p.afterCents}
      />
      <p class="cwb-summary">
        <span>
          Change to this period: <strong data-testid="preview-difference">{$(p.differenceCents)}</strong>
        </span>
        {p.setupFeeCents > 0 ? (
          <span>
            Setup fee: <strong data-testid="preview-setup-fee">{$(p.setupFeeCents)}</strong>
          </span>
        ) : null}
        {p.nextPeriod ? (
          <span>
            Next period ({p.nextPeriod.start} to {lastDay(p.nextPeriod.end)}): <strong>{$(p.nextPeriod.amountCents)}</strong>
          </span>
        ) : null}
      </p>
      {p.alreadyInvoicedCents !== 0 ? (
        <p class="cwb-explain">
          {$(p.alreadyInvoicedCents)} of this period is already on approved invoices: the next invoice settles the difference of{' '}
          {$(p.differenceCents)} as an adjustment.
        </p>
      ) : null}
    </div>
  );
}

function FeeLines(props: { caption: string; lines: PreviewFeeLine[]; currency: string; totalCents: number }) {
  const $ = (cents: number) => money(cents, props.currency);
  return (
    <table>
      <caption style={{ textAlign: 'left', fontWeight: 600, padding: '4px 0' }}>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">Fee</th>
          <th scope="col">Days</th>
          <th scope="col" class="num">
            Quantity
          </th>
          <th scope="col" class="num">
            Per period
          </th>
          <th scope="col" class="num">
            Amount
          </th>
        </tr>
      </thead>
      <tbody>
        {props.lines.map((line, index) => (
          <tr key={index} data-testid="preview-line" data-amount-cents={line.amountCents}>
            <td>{line.description}</td>
            <td>
              {line.lineKind === 'discount'
                ? 'on the fees above'
                : line.prorated
                  ? `${line.servedDays} of ${line.periodDays} days (${line.from} to ${lastDay(line.to)})`
                  : 'whole period'}
            </td>
            <td class="num">{line.lineKind === 'discount' ? '' : quantity(line.quantityMilli)}</td>
            <td class="num">{line.lineKind === 'discount' ? '' : $(line.unitPriceCents)}</td>
            <td class="num">{$(line.amountCents)}</td>
          </tr>
        ))}
        <tr class="cwb-total">
          <td colSpan={4}>Total</td>
          <td class="num" data-testid="preview-total" data-cents={props.totalCents}>
            {$(props.totalCents)}
          </td>
        </tr>
      </tbody>
    </table>
  );
}
