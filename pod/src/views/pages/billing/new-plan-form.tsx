import { useState } from 'preact/hooks';
import type { NewPlan, Plan, Product, ProductKind, TaxCode } from '../../../../../shared/schemas/billing-desk.js';
import type { BillingDeskClient } from '../../../api/billing-desk.js';
import { describeApiError } from '../../describe-api-error.js';
import { InlineError } from '../../inline-error.js';
import { readAmount, readPercent, readQuantity } from './desk-format.js';

type PartDraft = { servicePlanId: string; mandatory: boolean; quantity: string; bundlePrice: string };
type InclusionDraft = { description: string; appliesToKind: ProductKind; productId: string; quantity: string };

const INCLUSION_KINDS: ReadonlyArray<[ProductKind, string]> = [
  ['labour', 'Labour hours'],
  ['usage', 'Usage units'],
  ['expense', 'Expenses'],
  ['recurring', 'Recurring units'],
  ['one-off', 'One-off units'],
];

/** A new service plan or bundle; what the form cannot check, the server does (400 with the reason). */
export function NewPlanForm(props: {
  desk: BillingDeskClient;
  plans: Plan[];
  taxCodes: TaxCode[];
  products: Product[];
  onDone: (created: Plan | null) => void;
}) {
  const [kind, setKind] = useState<'service' | 'package'>('service');
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [currency, setCurrency] = useState('');
  const [price, setPrice] = useState('');
  const [setupFee, setSetupFee] = useState('');
  const [discount, setDiscount] = useState('');
  const [taxCode, setTaxCode] = useState('GST');
  const [glCode, setGlCode] = useState('');
  const [parts, setParts] = useState<PartDraft[]>([]);
  const [inclusions, setInclusions] = useState<InclusionDraft[]>([]);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const servicePlans = props.plans.filter((p) => p.kind === 'service');
  // The currency decides how many decimals a price has: the installation's when left empty.
  const priceCurrency = currency.trim().toUpperCase() || (props.plans[0]?.currency ?? 'AUD');

  const build = (): NewPlan | string => {
    const periodPriceCents = readAmount(price, priceCurrency, kind === 'package' ? 'Access fee' : 'Price per period');
    if (typeof periodPriceCents === 'string') return periodPriceCents;
    const setupFeeCents = setupFee.trim() ? readAmount(setupFee, priceCurrency, 'Setup fee') : 0;
    if (typeof setupFeeCents === 'string') return setupFeeCents;
    const discountBasisPoints = kind === 'package' && discount.trim() ? readPercent(discount, 'Bundle discount') : 0;
    if (typeof discountBasisPoints === 'string') return discountBasisPoints;
    const plan: NewPlan = {
      code: code.trim(),
      name: name.trim(),
      kind,
      periodPriceCents,
      setupFeeCents,
      discountBasisPoints,
      taxCode,
      glCode: glCode.trim() || null,
      ...(currency.trim() ? { currency: currency.trim().toUpperCase() } : {}),
    };
    if (kind === 'package') {
      plan.parts = [];
      for (const [index, part] of parts.entries()) {
        if (!part.servicePlanId) return `Part ${index + 1}: choose its service plan.`;
        const quantityMilli = readQuantity(part.quantity, `Part ${index + 1} quantity`);
        if (typeof quantityMilli === 'string') return quantityMilli;
        const bundlePriceCents = part.bundlePrice.trim() ? readAmount(part.bundlePrice, priceCurrency, `Part ${index + 1} price`) : null;
        if (typeof bundlePriceCents === 'string') return bundlePriceCents;
        plan.parts.push({ servicePlanId: Number(part.servicePlanId), mandatory: part.mandatory, quantityMilli, bundlePriceCents });
      }
    }
    plan.inclusions = [];
    for (const [index, inclusion] of inclusions.entries()) {
      const quantityMilli = readQuantity(inclusion.quantity, `Inclusion ${index + 1} quantity`);
      if (typeof quantityMilli === 'string') return quantityMilli;
      if (!inclusion.description.trim()) return `Inclusion ${index + 1}: say what it includes, e.g. "10 support hours a month".`;
      plan.inclusions.push({
        description: inclusion.description.trim(),
        appliesToKind: inclusion.appliesToKind,
        productId: inclusion.productId ? Number(inclusion.productId) : null,
        quantityMilli,
      });
    }
    return plan;
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    const plan = build();
    if (typeof plan === 'string') return setError(plan);
    setError('');
    setBusy(true);
    try {
      props.onDone(await props.desk.createPlan(plan));
    } catch (e) {
      setError(describeApiError(e));
    } finally {
      setBusy(false);
    }
  };
  const editPart = (index: number, change: Partial<PartDraft>) => setParts(parts.map((p, i) => (i === index ? { ...p, ...change } : p)));
  const editInclusion = (index: number, change: Partial<InclusionDraft>) =>
    setInclusions(inclusions.map((p, i) => (i === index ? { ...p, ...change } : p)));

  return (
    <form class="cwb-panel" aria-label="New plan" data-testid="new-plan-form" onSubmit={submit}>
      <h3>New plan</h3>
      <div class="cwb-form">
        <span class="cwb-form-label">Kind</span>
        <fieldset aria-label="Kind">
          <label>
            <input type="radio" name="plan-kind" checked={kind === 'service'} onChange={() => setKind('service')} /> Service plan
          </label>{' '}
          <label>
            <input type="radio" name="plan-kind" checked={kind === 'package'} onChange={() => setKind('package')} /> Bundle
          </label>
        </fieldset>
        <label for="new-plan-code">Code</label>
        <input id="new-plan-code" required maxLength={60} value={code} onInput={(e) => setCode(e.currentTarget.value)} />
        <label for="new-plan-name">Name</label>
        <input id="new-plan-name" required maxLength={200} size={40} value={name} onInput={(e) => setName(e.currentTarget.value)} />
        <label for="new-plan-currency">Currency</label>
        <input
          id="new-plan-currency"
          size={4}
          maxLength={3}
          placeholder={priceCurrency}
          value={currency}
          onInput={(e) => setCurrency(e.currentTarget.value)}
        />
        <label for="new-plan-price">{kind === 'package' ? 'Access fee per period' : 'Price per unit per period'}</label>
        <input id="new-plan-price" required inputMode="decimal" size={10} value={price} onInput={(e) => setPrice(e.currentTarget.value)} />
        <label for="new-plan-setup">Setup fee</label>
        <input
          id="new-plan-setup"
          inputMode="decimal"
          size={10}
          placeholder="none"
          value={setupFee}
          onInput={(e) => setSetupFee(e.currentTarget.value)}
        />
        {kind === 'package' ? (
          <>
            <label for="new-plan-discount">Bundle discount %</label>
            <input
              id="new-plan-discount"
              inputMode="decimal"
              size={6}
              placeholder="0"
              value={discount}
              onInput={(e) => setDiscount(e.currentTarget.value)}
            />
          </>
        ) : null}
        <label for="new-plan-tax">Tax code</label>
        <select id="new-plan-tax" value={taxCode} onChange={(e) => setTaxCode(e.currentTarget.value)}>
          <TaxCodeOptions taxCodes={props.taxCodes} />
        </select>
        <label for="new-plan-gl">GL code</label>
        <input id="new-plan-gl" maxLength={40} size={10} value={glCode} onInput={(e) => setGlCode(e.currentTarget.value)} />
      </div>
      {kind === 'package' ? (
        <fieldset aria-label="Parts" data-testid="plan-parts">
          <h3>Parts</h3>
          {parts.map((part, index) => (
            <p key={index} data-testid="plan-part">
              <label>
                Service plan{' '}
                <select value={part.servicePlanId} onChange={(e) => editPart(index, { servicePlanId: e.currentTarget.value })}>
                  <option value="">Choose…</option>
                  {servicePlans.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.code}: {p.name}
                    </option>
                  ))}
                </select>
              </label>{' '}
              <label>
                Taken{' '}
                <select
                  value={part.mandatory ? 'mandatory' : 'optional'}
                  onChange={(e) => editPart(index, { mandatory: e.currentTarget.value === 'mandatory' })}
                >
                  <option value="mandatory">Mandatory</option>
                  <option value="optional">Optional</option>
                </select>
              </label>{' '}
              <label>
                Quantity <input size={5} value={part.quantity} onInput={(e) => editPart(index, { quantity: e.currentTarget.value })} />
              </label>{' '}
              <label>
                Price in the bundle{' '}
                <input
                  size={8}
                  placeholder="its own"
                  value={part.bundlePrice}
                  onInput={(e) => editPart(index, { bundlePrice: e.currentTarget.value })}
                />
              </label>{' '}
              <button type="button" onClick={() => setParts(parts.filter((_, i) => i !== index))}>
                Remove
              </button>
            </p>
          ))}
          {servicePlans.length === 0 ? <p class="cwb-explain">Create the service plans a bundle is made of first.</p> : null}
          <button
            type="button"
            disabled={servicePlans.length === 0}
            onClick={() => setParts([...parts, { servicePlanId: '', mandatory: true, quantity: '1', bundlePrice: '' }])}
          >
            Add part
          </button>
          <p class="cwb-explain">
            Mandatory parts come with every subscription, optional ones when chosen. Leave the price empty for the service plan's own; 0
            includes it.
          </p>
        </fieldset>
      ) : null}
      <fieldset aria-label="Inclusions" data-testid="plan-inclusions">
        <h3>Included each period</h3>
        {inclusions.map((inclusion, index) => (
          <p key={index} data-testid="plan-inclusion">
            <label>
              Quantity{' '}
              <input size={5} value={inclusion.quantity} onInput={(e) => editInclusion(index, { quantity: e.currentTarget.value })} />
            </label>{' '}
            <label>
              Of{' '}
              <select
                value={inclusion.appliesToKind}
                onChange={(e) => editInclusion(index, { appliesToKind: e.currentTarget.value as ProductKind })}
              >
                {INCLUSION_KINDS.map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </label>{' '}
            <label>
              Only product{' '}
              <select value={inclusion.productId} onChange={(e) => editInclusion(index, { productId: e.currentTarget.value })}>
                <option value="">any of the kind</option>
                {props.products
                  .filter((p) => p.kind === inclusion.appliesToKind)
                  .map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
              </select>
            </label>{' '}
            <label>
              Description{' '}
              <input
                size={28}
                maxLength={200}
                value={inclusion.description}
                onInput={(e) => editInclusion(index, { description: e.currentTarget.value })}
              />
            </label>{' '}
            <button type="button" onClick={() => setInclusions(inclusions.filter((_, i) => i !== index))}>
              Remove
            </button>
          </p>
        ))}
        <button
          type="button"
          onClick={() => setInclusions([...inclusions, { description: '', appliesToKind: 'labour', productId: '', quantity: '' }])}
        >
          Add inclusion
        </button>
      </fieldset>
      <InlineError message={error} />
      <p>
        <button type="submit" class="cwb-primary" disabled={busy}>
          Create plan
        </button>{' '}
        <button type="button" onClick={() => props.onDone(null)}>
          Cancel
        </button>
      </p>
    </form>
  );
}

/** GST (taxed at each account's own rate, no row needed) and the codes defined under tax codes. */
export function TaxCodeOptions(props: { taxCodes: TaxCode[] }) {
  return (
    <>
      {props.taxCodes.some((t) => t.code === 'GST') ? null : <option value="GST">GST (the account's rate)</option>}
      {props.taxCodes.map((t) => (
        <option key={t.code} value={t.code}>
          {t.code}: {t.description}
        </option>
      ))}
    </>
  );
}
