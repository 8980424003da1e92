import { useState } from 'preact/hooks';
import type { ApiClient } from '../../../../shared/api-client.js';
import { POWERS } from '../../../../shared/powers.js';
import { QuarantinePage } from './quarantine-page.js';
import { MappingsPage } from './mappings-page.js';
import { SettingsPage } from './settings-page.js';
import { RunsPage } from './runs-page.js';
import type { BillingDeskClient } from '../../api/billing-desk.js';
import { BILLING_DESK_PAGES, BillingDeskPage, isBillingDeskPage } from './billing/billing-desk-pages.js';

export const MODULE_PAGES = [
  { id: 'runs', title: 'Sync runs', power: POWERS.integration },
  { id: 'quarantine', title: 'Quarantine', power: POWERS.quarantine },
  { id: 'mappings', title: 'Mappings', power: POWERS.mappings },
  { id: 'settings', title: 'Settings', power: POWERS.settings },
  ...BILLING_DESK_PAGES,
] as const;
export type ModulePageId = (typeof MODULE_PAGES)[number]['id'];

export function isModulePage(value: string | null): value is ModulePageId {
  return MODULE_PAGES.some((p) => p.id === value);
}

/**
 * The module's pages (Manage tabs, or standalone for admins); each shown only to holders of
 * its power. Inside Manage each page is its own tab, so the page list is shown only standalone.
 */
export function ModulePages(props: {
  api: ApiClient;
  desk: BillingDeskClient;
  powers: readonly string[];
  initial: ModulePageId;
  companyId?: number | null;
  showNav: boolean;
}) {
  const allowed = MODULE_PAGES.filter((p) => props.powers.includes(POWERS.integration) && props.powers.includes(p.power));
  const [current, setCurrent] = useState<ModulePageId>(
    allowed.some((p) => p.id === props.initial) ? props.initial : (allowed[0]?.id ?? props.initial),
  );
  if (allowed.length === 0 || !allowed.some((p) => p.id === current)) {
    return (
      <p class="cwb cwb-state error" role="alert">
        You do not have the power for this page. Ask an admin to grant it under Settings.
      </p>
    );
  }
  return (
    <div class="cwb">
      {props.showNav ? (
        <nav aria-label="ConnectWise integration" class="cwb-summary">
          {allowed.map((p) => (
            <button
              key={p.id}
              type="button"
              aria-current={p.id === current ? 'page' : undefined}
              style={{ fontWeight: p.id === current ? 'bold' : 'normal' }}
              onClick={() => setCurrent(p.id)}
            >
              {p.title}
            </button>
          ))}
        </nav>
      ) : null}
      {current === 'runs' ? <RunsPage api={props.api} /> : null}
      {current === 'quarantine' ? <QuarantinePage api={props.api} companyId={props.companyId} /> : null}
      {current === 'mappings' ? <MappingsPage api={props.api} /> : null}
      {current === 'settings' ? <SettingsPage api={props.api} /> : null}
      {isBillingDeskPage(current) ? (
        <BillingDeskPage id={current} desk={props.desk} powers={props.powers} companyId={props.companyId} />
      ) : null}
    </div>
  );
}
