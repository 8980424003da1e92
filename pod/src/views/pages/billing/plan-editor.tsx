import { useEffect, useState } from 'preact/hooks';
import type { Plan, TaxCode } from '../../../../../shared/schemas/billing-desk.js';
import type { BillingDeskClient } from '../../../api/billing-desk.js';
import { describeApiError } from '../../describe-api-error.js';
import { InlineError } from '../../inline-error.js';
import { TaxCodeOptions } from './new-plan-form.js';

/**
 * Editing a plan: its name, GL code and tax code, the only fields the server lets change
 * (server/src/billing/README.md, "Editing a plan"): the invoice run reads a plan's price for
 * every period not yet billed, so a new price in place would re-price past periods. A
 * subscription's own price is changed through its terms instead. Holders of the settings
 * power also edit the plan's usage rate card here.
 */
export function PlanEditor(props: {
  desk: BillingDeskClient;
  plan: Plan;
  taxCodes: TaxCode[];
  canSetRateCards: boolean;
  onClose: () => void;
  onSaved: (plan: Plan) => void;
}) {
  const [name, setName] = useState(props.plan.name);
  const [glCode, setGlCode] = useState(props.plan.glCode ?? '');
  const [taxCode, setTaxCode] = useState(props.plan.taxCode);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const save = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError('');
    try {
      props.onSaved(await props.desk.updatePlan(props.plan.id, { name: name.trim(), glCode: glCode.trim() || null, taxCode }));
    } catch (e) {
      setError(describeApiError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="cwb-panel" data-testid="plan-editor">
      <form aria-label={`Edit ${props.plan.code}`} onSubmit={save}>
        <h3>Edit {props.plan.code}</h3>
        <div class="cwb-form">
          <label for="edit-plan-name">Name</label>
          <input id="edit-plan-name" required maxLength={200} size={40} value={name} onInput={(e) => setName(e.currentTarget.value)} />
          <label for="edit-plan-gl">GL code</label>
          <input id="edit-plan-gl" maxLength={40} size={10} value={glCode} onInput={(e) => setGlCode(e.currentTarget.value)} />
          <label for="edit-plan-tax">Tax code</label>
          <select id="edit-plan-tax" value={taxCode} onChange={(e) => setTaxCode(e.currentTarget.value)}>
            <TaxCodeOptions taxCodes={props.taxCodes} />
          </select>
        </div>
        <p class="cwb-explain">
          Prices, parts and inclusions are fixed once a plan exists: change a customer's price through the subscription's terms, or create a
          new plan. Invoices built from now on show the new name and codes.
        </p>
        <InlineError message={error} />
        <button type="submit" class="cwb-primary" disabled={busy}>
          Save plan
        </button>{' '}
        <button type="button" onClick={props.onClose}>
          Close
        </button>
      </form>
      {props.canSetRateCards ? <RateCardEditor desk={props.desk} plan={props.plan} /> : null}
    </div>
  );
}

/** The plan's usage rate card as JSON (docs/usage-rating.md, "Rate cards"); the server validates it. */
function RateCardEditor(props: { desk: BillingDeskClient; plan: Plan }) {
  const [text, setText] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  useEffect(() => {
    props.desk
      .ratingPlan(props.plan.id)
      .then((card) => setText(card === null ? '' : JSON.stringify(card, null, 2)))
      .catch((e: unknown) => setStatus(describeApiError(e)));
  }, [props.plan.id]);
  const save = async (event: Event) => {
    event.preventDefault();
    let card: unknown;
    try {
      card = JSON.parse(text ?? '');
    } catch {
      return setStatus('The rate card is not valid JSON.');
    }
    try {
      setText(JSON.stringify(await props.desk.saveRatingPlan(props.plan.id, card), null, 2));
      setStatus('Rate card saved. Usage rated from now on uses it; re-process quarantined usage to rate it.');
    } catch (e) {
      setStatus(describeApiError(e));
    }
  };
  if (text === null) return <p class="cwb-explain">{status || 'Loading the rate card…'}</p>;
  return (
    <form aria-label="Usage rate card" onSubmit={save}>
      <h3>Usage rate card</h3>
      <p class="cwb-explain">
        {text ? '' : 'No rate card yet: usage of this plan waits in the quarantine as "Missing Rate Card". '}
        Currency, time zone, rules (unit, classes, price per quantity, increments) and allowances, in thousandths of the unit.
      </p>
      <label for="rate-card-json" class="cwb-visually-hidden">
        Rate card JSON
      </label>
      <textarea
        id="rate-card-json"
        rows={10}
        style={{ width: '100%', fontFamily: 'monospace', fontSize: '12px' }}
        value={text}
        onInput={(e) => setText(e.currentTarget.value)}
      />
      <p>
        <button type="submit">Save rate card</button>
      </p>
      <p role="status" data-testid="rate-card-status">
        {status}
      </p>
    </form>
  );
}
