import { useState } from 'preact/hooks';
import type { Account, Plan, SubscriptionChange } from '../../../../../shared/schemas/billing-desk.js';
import type { BillingDeskClient } from '../../../api/billing-desk.js';
import { quantity as showQuantity, readAmount, readQuantity, today } from './desk-format.js';
import { PreviewAndSave } from './preview-and-save.js';

/** Subscribes the account to a service plan or a bundle, with the pro-rating shown first. */
export function SubscribeForm(props: {
  desk: BillingDeskClient;
  account: Account;
  plans: Plan[];
  onDone: (message: string | null) => void;
}) {
  const usable = props.plans.filter((p) => p.currency === props.account.currency);
  const [planId, setPlanId] = useState('');
  const [startDate, setStartDate] = useState(today());
  const [quantity, setQuantity] = useState('1');
  const [priceOverride, setPriceOverride] = useState('');
  const [identifier, setIdentifier] = useState('');
  const [optional, setOptional] = useState<number[]>([]);
  const [partIdentifiers, setPartIdentifiers] = useState<Record<number, string>>({});
  const plan = usable.find((p) => String(p.id) === planId);
  const nameOf = (id: number) => props.plans.find((p) => p.id === id)?.name ?? `plan ${id}`;

  const change = ((): SubscriptionChange | string => {
    if (!plan) return 'Choose a plan.';
    const quantityMilli = readQuantity(quantity, 'Quantity');
    if (typeof quantityMilli === 'string') return quantityMilli;
    const unitPriceOverrideCents = priceOverride.trim() ? readAmount(priceOverride, plan.currency, 'Price override') : null;
    if (typeof unitPriceOverrideCents === 'string') return unitPriceOverrideCents;
    const takenParts = plan.parts.filter((part) => part.mandatory || optional.includes(part.servicePlanId));
    return {
      change: 'subscribe',
      planId: plan.id,
      startDate,
      quantityMilli,
      unitPriceOverrideCents,
      serviceIdentifier: identifier.trim() || null,
      optionalPartPlanIds: optional.filter((id) => plan.parts.some((part) => part.servicePlanId === id && !part.mandatory)),
      partIdentifiers: takenParts.flatMap((part) => {
        const value = partIdentifiers[part.servicePlanId]?.trim();
        return value ? [{ planId: part.servicePlanId, serviceIdentifier: value }] : [];
      }),
    };
  })();

  const save = async () => {
    if (typeof change === 'string' || change.change !== 'subscribe') return;
    const { change: _kind, ...request } = change;
    await props.desk.subscribe(props.account.id, request);
    props.onDone(`${props.account.name} now subscribes to ${plan!.name} from ${startDate}.`);
  };

  return (
    <fieldset class="cwb-panel" data-testid="subscribe-form" aria-label="Subscribe">
      <h3>Subscribe {props.account.name}</h3>
      <div class="cwb-form">
        <label for="subscribe-plan">Plan</label>
        <select id="subscribe-plan" value={planId} onChange={(e) => setPlanId(e.currentTarget.value)}>
          <option value="">Choose…</option>
          {usable.map((p) => (
            <option key={p.id} value={p.id}>
              {p.code}: {p.name}
              {p.kind === 'package' ? ' (bundle)' : ''}
            </option>
          ))}
        </select>
        <label for="subscribe-start">Start date</label>
        <input id="subscribe-start" type="date" required value={startDate} onInput={(e) => setStartDate(e.currentTarget.value)} />
        <label for="subscribe-quantity">Quantity</label>
        <input id="subscribe-quantity" size={6} value={quantity} onInput={(e) => setQuantity(e.currentTarget.value)} />
        <label for="subscribe-price">Price override per period</label>
        <input
          id="subscribe-price"
          size={10}
          placeholder="the plan's price"
          value={priceOverride}
          onInput={(e) => setPriceOverride(e.currentTarget.value)}
        />
        <label for="subscribe-identifier">Service identifier</label>
        <input
          id="subscribe-identifier"
          maxLength={100}
          placeholder="e.g. a phone number"
          value={identifier}
          onInput={(e) => setIdentifier(e.currentTarget.value)}
        />
      </div>
      {plan && plan.parts.length > 0 ? (
        <fieldset aria-label="Bundle parts">
          <h3>Parts of {plan.name}</h3>
          {plan.parts.map((part) => (
            <p key={part.id} data-testid="subscribe-part">
              <label>
                <input
                  type="checkbox"
                  disabled={part.mandatory}
                  checked={part.mandatory || optional.includes(part.servicePlanId)}
                  onChange={(e) =>
                    setOptional(
                      e.currentTarget.checked ? [...optional, part.servicePlanId] : optional.filter((id) => id !== part.servicePlanId),
                    )
                  }
                />{' '}
                {showQuantity(part.quantityMilli)} × {nameOf(part.servicePlanId)} ({part.mandatory ? 'mandatory' : 'optional'})
              </label>{' '}
              <label>
                Identifier of {nameOf(part.servicePlanId)}{' '}
                <input
                  size={14}
                  maxLength={100}
                  value={partIdentifiers[part.servicePlanId] ?? ''}
                  onInput={(e) => setPartIdentifiers({ ...partIdentifiers, [part.servicePlanId]: e.currentTarget.value })}
                />
              </label>
            </p>
          ))}
        </fieldset>
      ) : null}
      <PreviewAndSave desk={props.desk} accountId={props.account.id} change={change} saveLabel="Subscribe" onSave={save} />
      <button type="button" onClick={() => props.onDone(null)}>
        Close
      </button>
    </fieldset>
  );
}
