import { useState } from 'preact/hooks';
import type { Account, Subscription, SubscriptionChange } from '../../../../../shared/schemas/billing-desk.js';
import type { BillingDeskClient } from '../../../api/billing-desk.js';
import { readAmount, readQuantity, today } from './desk-format.js';
import { PreviewAndSave } from './preview-and-save.js';

/**
 * New terms (quantity, price override) from a day on, or a cancellation from a day on; both
 * shown pro-rated before they are saved. Days before the day keep what they had.
 */
export function SubscriptionChangeForm(props: {
  desk: BillingDeskClient;
  account: Account;
  subscription: Subscription;
  planName: string;
  mode: 'terms' | 'cancel';
  onDone: (message: string | null) => void;
}) {
  const [date, setDate] = useState(today());
  const [quantity, setQuantity] = useState('');
  const [priceOverride, setPriceOverride] = useState('');
  const [removeOverride, setRemoveOverride] = useState(false);
  const s = props.subscription;
  const label = `${props.planName}${s.serviceIdentifier ? ` (${s.serviceIdentifier})` : ''}`;

  const change = ((): SubscriptionChange | string => {
    if (props.mode === 'cancel') return { change: 'cancel', subscriptionId: s.id, endDate: date };
    const result: SubscriptionChange = { change: 'terms', subscriptionId: s.id, effectiveFrom: date };
    if (quantity.trim()) {
      const quantityMilli = readQuantity(quantity, 'Quantity');
      if (typeof quantityMilli === 'string') return quantityMilli;
      result.quantityMilli = quantityMilli;
    }
    if (removeOverride) result.unitPriceOverrideCents = null;
    else if (priceOverride.trim()) {
      const cents = readAmount(priceOverride, props.account.currency, 'Price override');
      if (typeof cents === 'string') return cents;
      result.unitPriceOverrideCents = cents;
    }
    if (result.quantityMilli === undefined && result.unitPriceOverrideCents === undefined)
      return 'Give a new quantity, a new price override, or both.';
    return result;
  })();

  const save = async () => {
    if (typeof change === 'string') return;
    if (change.change === 'cancel') {
      await props.desk.cancel(s.id, change.endDate);
      props.onDone(`${label} is cancelled from ${change.endDate}.`);
    } else if (change.change === 'terms') {
      const { change: _kind, subscriptionId: _id, ...terms } = change;
      await props.desk.changeTerms(s.id, terms);
      props.onDone(`${label} has new terms from ${change.effectiveFrom}.`);
    }
  };

  return (
    <fieldset
      class="cwb-panel"
      data-testid="subscription-change-form"
      aria-label={props.mode === 'cancel' ? `Cancel ${label}` : `Change terms of ${label}`}
    >
      <h3>{props.mode === 'cancel' ? `Cancel ${label}` : `Change terms of ${label}`}</h3>
      <div class="cwb-form">
        <label for="change-date">{props.mode === 'cancel' ? 'First day no longer served' : 'Effective from'}</label>
        <input id="change-date" type="date" required min={s.startDate} value={date} onInput={(e) => setDate(e.currentTarget.value)} />
        {props.mode === 'terms' ? (
          <>
            <label for="change-quantity">New quantity</label>
            <input
              id="change-quantity"
              size={6}
              placeholder="unchanged"
              value={quantity}
              onInput={(e) => setQuantity(e.currentTarget.value)}
            />
            <label for="change-price">New price override per period</label>
            <input
              id="change-price"
              size={10}
              placeholder="unchanged"
              disabled={removeOverride}
              value={priceOverride}
              onInput={(e) => setPriceOverride(e.currentTarget.value)}
            />
            <span class="cwb-form-label">Plan price</span>
            <label>
              <input type="checkbox" checked={removeOverride} onChange={(e) => setRemoveOverride(e.currentTarget.checked)} /> Remove the
              override (back to the plan's price)
            </label>
          </>
        ) : (
          <>
            <span class="cwb-form-label">Bundle</span>
            <span class="cwb-explain">
              {s.rootSubscriptionId === null || s.rootSubscriptionId === s.id
                ? 'Cancelling a bundle cancels every part of it.'
                : 'Only this part is cancelled; the bundle goes on.'}
            </span>
          </>
        )}
      </div>
      <PreviewAndSave
        desk={props.desk}
        accountId={props.account.id}
        change={change}
        saveLabel={props.mode === 'cancel' ? 'Cancel subscription' : 'Save terms'}
        onSave={save}
      />
      <button type="button" onClick={() => props.onDone(null)}>
        Close
      </button>
    </fieldset>
  );
}
