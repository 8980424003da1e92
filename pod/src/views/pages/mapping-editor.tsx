import { useState } from 'preact/hooks';
import type { MappingItem } from '../../../../shared/schemas/module-pages.js';

export type ProductOption = { id: number; name: string; kind: string };

/** The value form of one mapping row; its fields depend on the kind (Emersion's mapping screens). */
export function MappingEditor(props: {
  kind: string;
  item: MappingItem;
  products: ProductOption[];
  onSave: (value: Record<string, unknown>) => Promise<void>;
}) {
  const [value, setValue] = useState<Record<string, unknown>>(props.item.value ?? defaultValue(props.kind, props.products));
  const [state, setState] = useState<'idle' | 'saving' | 'saved' | string>('idle');
  const set = (key: string, v: unknown) => setValue({ ...value, [key]: v });
  const id = (field: string) => `map-${props.kind}-${props.item.cwKey}-${field}`;

  const save = async () => {
    setState('saving');
    try {
      await props.onSave(value);
      setState('saved');
    } catch (e) {
      setState((e as Error).message);
    }
  };

  return (
    <div class="cwb-summary">
      {props.kind === 'company_type' || props.kind === 'company_status' ? (
        <label>
          <input type="checkbox" checked={value.sync === true} onChange={(e) => set('sync', e.currentTarget.checked)} /> Sync
        </label>
      ) : null}
      {props.kind === 'company_type' ? (
        <>
          <label for={id('type')}>Account type</label>
          <input id={id('type')} value={String(value.accountType ?? '')} onInput={(e) => set('accountType', e.currentTarget.value)} />
          <label for={id('profile')}>Profile</label>
          <input
            id={id('profile')}
            value={String(value.accountProfile ?? '')}
            onInput={(e) => set('accountProfile', e.currentTarget.value || null)}
          />
        </>
      ) : null}
      {props.kind === 'company_status' ? (
        <select
          aria-label="Account status"
          value={String(value.accountStatus ?? 'active')}
          onChange={(e) => set('accountStatus', e.currentTarget.value)}
        >
          <option value="active">active</option>
          <option value="suspended">suspended</option>
          <option value="closed">closed</option>
        </select>
      ) : null}
      {props.kind === 'communication_type' ? (
        <select aria-label="Contact field" value={String(value.field ?? 'ignore')} onChange={(e) => set('field', e.currentTarget.value)}>
          {['phone', 'fax', 'email', 'ignore'].map((f) => (
            <option key={f} value={f}>
              {f}
            </option>
          ))}
        </select>
      ) : null}
      {props.kind === 'tax_code' ? (
        <input aria-label="Tax code" value={String(value.taxCode ?? '')} onInput={(e) => set('taxCode', e.currentTarget.value)} />
      ) : null}
      {props.kind === 'unit_of_measure' ? (
        <input aria-label="Unit" value={String(value.unit ?? '')} onInput={(e) => set('unit', e.currentTarget.value)} />
      ) : null}
      {['work_role_type', 'catalog_item', 'expense_type'].includes(props.kind) ? (
        <select
          aria-label="Billing product"
          value={String(value.productId ?? '')}
          onChange={(e) => set('productId', Number(e.currentTarget.value))}
        >
          <option value="">Choose a product…</option>
          {props.products.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} ({p.kind})
            </option>
          ))}
        </select>
      ) : null}
      <button type="button" disabled={state === 'saving'} onClick={() => void save()}>
        Save
      </button>
      <span role="status">{state === 'saved' ? 'Saved' : state === 'idle' || state === 'saving' ? '' : state}</span>
    </div>
  );
}

function defaultValue(kind: string, products: ProductOption[]): Record<string, unknown> {
  switch (kind) {
    case 'company_type':
      return { sync: true, accountType: 'Customer', accountProfile: null };
    case 'company_status':
      return { sync: true, accountStatus: 'active' };
    case 'communication_type':
      return { field: 'ignore' };
    case 'tax_code':
      return { taxCode: 'GST' };
    case 'unit_of_measure':
      return { unit: 'each' };
    default:
      return { productId: products[0]?.id };
  }
}
