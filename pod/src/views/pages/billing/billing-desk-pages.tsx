import { POWERS } from '../../../../../shared/powers.js';
import type { BillingDeskClient } from '../../../api/billing-desk.js';
import { ExportsPage } from './exports-page.js';
import { PlansPage } from './plans-page.js';
import { SubscriptionsPage } from './subscriptions-page.js';
import { UsagePage } from './usage-page.js';

/**
 * The billing desk: the billing core's own tabs, beside the integration's. Each needs the power
 * its routes declare on the server (ConnectWise Integration for all four); parts of a page that
 * need more (a rate card: settings; the usage quarantine: quarantine) are shown only to holders.
 */
export const BILLING_DESK_PAGES = [
  { id: 'plans', title: 'Plans and bundles', power: POWERS.integration },
  { id: 'subscriptions', title: 'Subscriptions', power: POWERS.integration },
  { id: 'usage', title: 'Usage', power: POWERS.integration },
  { id: 'exports', title: 'Exports', power: POWERS.integration },
] as const;
export type BillingDeskPageId = (typeof BILLING_DESK_PAGES)[number]['id'];

export function isBillingDeskPage(id: string): id is BillingDeskPageId {
  return BILLING_DESK_PAGES.some((p) => p.id === id);
}

export function BillingDeskPage(props: {
  id: BillingDeskPageId;
  desk: BillingDeskClient;
  powers: readonly string[];
  companyId?: number | null;
}) {
  if (props.id === 'plans') return <PlansPage desk={props.desk} canSetRateCards={props.powers.includes(POWERS.settings)} />;
  if (props.id === 'subscriptions') return <SubscriptionsPage desk={props.desk} companyId={props.companyId} />;
  if (props.id === 'usage') return <UsagePage desk={props.desk} canWorkQuarantine={props.powers.includes(POWERS.quarantine)} />;
  return <ExportsPage desk={props.desk} />;
}
