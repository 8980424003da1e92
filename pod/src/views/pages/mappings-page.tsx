import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../../../../shared/api-client.js';
import type { MappingItem } from '../../../../shared/schemas/module-pages.js';
import { StateMessage } from '../state-message.js';
import { describeApiError } from '../describe-api-error.js';
import { MappingEditor, type ProductOption } from './mapping-editor.js';

const KINDS = [
  ['company_type', 'Company types'],
  ['company_status', 'Company statuses'],
  ['communication_type', 'Communication types'],
  ['tax_code', 'Tax codes'],
  ['unit_of_measure', 'Units of measure'],
  ['work_role_type', 'Work role × work type'],
  ['catalog_item', 'Catalog items'],
  ['expense_type', 'Expense types'],
] as const;

/** Every mapping type, with the values ConnectWise has that are not mapped yet listed first. */
export function MappingsPage(props: { api: ApiClient }) {
  const [kind, setKind] = useState<string>(KINDS[0][0]);
  const [items, setItems] = useState<MappingItem[] | null>(null);
  const [products, setProducts] = useState<ProductOption[]>([]);
  const [error, setError] = useState('');

  useEffect(() => {
    void props.api
      .products()
      .then((r) => setProducts(r.products))
      .catch(() => setProducts([]));
  }, []);
  useEffect(() => {
    setItems(null);
    setError('');
    props.api
      .mappings(kind)
      .then((r) => setItems(r.items))
      .catch((e: unknown) => setError(describeApiError(e)));
  }, [kind]);

  const unmapped = (items ?? []).filter((i) => !i.mapped).length;
  return (
    <section class="cwb" aria-label="Mappings" data-testid="mappings-page">
      <h2>Mappings</h2>
      <div role="tablist" aria-label="Mapping type" class="cwb-summary">
        {KINDS.map(([value, label]) => (
          <button
            key={value}
            type="button"
            role="tab"
            aria-selected={kind === value}
            onClick={() => setKind(value)}
            style={{ fontWeight: kind === value ? 'bold' : 'normal' }}
          >
            {label}
          </button>
        ))}
      </div>
      {error ? <StateMessage kind="error">{error}</StateMessage> : null}
      {!items && !error ? <StateMessage kind="loading">Reading the values ConnectWise has…</StateMessage> : null}
      {items ? (
        <>
          <p>
            {unmapped === 0
              ? 'Everything ConnectWise has is mapped.'
              : `${unmapped} not mapped yet: records that use them wait in the quarantine.`}
          </p>
          <table>
            <thead>
              <tr>
                <th scope="col">ConnectWise value</th>
                <th scope="col">Mapped to</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={`${kind}-${item.cwKey}`} data-testid="mapping-row" data-mapped={item.mapped}>
                  <td>
                    {item.cwName} {item.mapped ? null : <span class="cwb-badge no-charge">Not mapped</span>}
                    {item.inConnectWise ? null : <div class="cwb-explain">No longer in ConnectWise</div>}
                  </td>
                  <td>
                    <MappingEditor
                      kind={kind}
                      item={item}
                      products={products}
                      onSave={async (value) => void (await props.api.saveMapping(kind, item.cwKey, item.cwName, value))}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}
