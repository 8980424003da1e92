import { useEffect, useState } from 'preact/hooks';
import type { Plan, Product, TaxCode } from '../../../../../shared/schemas/billing-desk.js';
import type { BillingDeskClient } from '../../../api/billing-desk.js';
import { describeApiError } from '../../describe-api-error.js';
import { StateMessage } from '../../state-message.js';
import { money, percent, quantity } from './desk-format.js';
import { NewPlanForm } from './new-plan-form.js';
import { PlanEditor } from './plan-editor.js';

/**
 * The catalog of plans: service plans (a price per unit per period) and bundles (an access
 * fee, mandatory and optional parts, included hours or units). Create them, rename them or
 * change their GL and tax codes; prices are fixed once made (see plan-editor.tsx).
 */
export function PlansPage(props: { desk: BillingDeskClient; canSetRateCards: boolean }) {
  const [plans, setPlans] = useState<Plan[] | null>(null);
  const [taxCodes, setTaxCodes] = useState<TaxCode[]>([]);
  const [products, setProducts] = useState<Product[]>([]);
  const [error, setError] = useState('');
  const [editing, setEditing] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const [message, setMessage] = useState('');
  const load = () =>
    Promise.all([props.desk.plans(), props.desk.taxCodes(), props.desk.products()])
      .then(([p, t, pr]) => {
        setPlans(p);
        setTaxCodes(t);
        setProducts(pr);
      })
      .catch((e: unknown) => setError(describeApiError(e)));
  useEffect(() => void load(), []);

  if (error) return <StateMessage kind="error">{error}</StateMessage>;
  if (!plans) return <StateMessage kind="loading">Loading plans…</StateMessage>;
  const nameOf = (id: number) => plans.find((p) => p.id === id)?.name ?? `plan ${id}`;
  const edited = plans.find((p) => p.id === editing);
  return (
    <section class="cwb" aria-label="Plans and bundles" data-testid="plans-page">
      <h2>Plans and bundles</h2>
      <p class="cwb-explain">
        Prices are per regular billing period of each account (its billing day and period length, set on the account), pro-rated by day for
        partial periods.
      </p>
      <p class="cwb-summary">
        <button type="button" class="cwb-primary" onClick={() => setCreating(true)} disabled={creating}>
          New plan
        </button>
      </p>
      <p role="status" data-testid="plans-message">
        {message}
      </p>
      {creating ? (
        <NewPlanForm
          desk={props.desk}
          plans={plans}
          taxCodes={taxCodes}
          products={products}
          onDone={(created) => {
            setCreating(false);
            if (created) {
              setMessage(`Plan ${created.code} (${created.name}) created.`);
              void load();
            }
          }}
        />
      ) : null}
      {edited ? (
        <PlanEditor
          key={edited.id}
          desk={props.desk}
          plan={edited}
          taxCodes={taxCodes}
          canSetRateCards={props.canSetRateCards}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setMessage(`Plan ${saved.code} saved.`);
            void load();
          }}
        />
      ) : null}
      {plans.length === 0 ? (
        <p class="cwb-state">No plans yet. Press "New plan" to add a service plan, then a bundle made of service plans.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col">Name</th>
              <th scope="col">Kind</th>
              <th scope="col" class="num">
                Per period
              </th>
              <th scope="col" class="num">
                Setup fee
              </th>
              <th scope="col">Tax / GL</th>
              <th scope="col">Parts and inclusions</th>
              <th scope="col">
                <span class="cwb-visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {plans.map((plan) => (
              <tr key={plan.id} data-testid="plan-row" data-plan-code={plan.code}>
                <td>{plan.code}</td>
                <td>{plan.name}</td>
                <td>{plan.kind === 'package' ? 'Bundle' : 'Service plan'}</td>
                <td class="num">
                  {money(plan.periodPriceCents, plan.currency)}
                  <div class="cwb-explain">{plan.kind === 'package' ? 'access fee' : 'per unit'}</div>
                </td>
                <td class="num">{plan.setupFeeCents ? money(plan.setupFeeCents, plan.currency) : '—'}</td>
                <td>
                  {plan.taxCode}
                  <div class="cwb-explain">{plan.glCode ?? 'no GL code'}</div>
                </td>
                <td>
                  {plan.parts.map((part) => (
                    <div key={part.id}>
                      {part.mandatory ? 'Mandatory' : 'Optional'}: {quantity(part.quantityMilli)} × {nameOf(part.servicePlanId)}
                      {part.bundlePriceCents === null ? '' : ` at ${money(part.bundlePriceCents, plan.currency)}`}
                    </div>
                  ))}
                  {plan.inclusions.map((inclusion) => (
                    <div key={inclusion.id}>
                      Includes {quantity(inclusion.quantityMilli)} {inclusion.appliesToKind}: {inclusion.description}
                    </div>
                  ))}
                  {plan.discountBasisPoints ? <div>Bundle discount {percent(plan.discountBasisPoints)}</div> : null}
                </td>
                <td>
                  <button type="button" aria-label={`Edit ${plan.code}`} onClick={() => setEditing(plan.id)}>
                    Edit
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
