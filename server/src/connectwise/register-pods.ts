import type { ConnectWiseClient } from './client.js';

/** Screen ids from Manage's ConnectWiseHostedApiScreen report (docs/connectwise/hosted-api.md#registration). */
const SCREEN_IDS = { company: 1, ticket: 4 } as const;

const MODULE_TABS = [
  ['quarantine', 'Billing quarantine'],
  ['runs', 'Billing sync'],
  ['mappings', 'Billing mappings'],
  ['settings', 'Billing settings'],
  // The billing desk (pod/src/views/pages/billing/): the billing core's own screens.
  ['plans', 'Billing plans'],
  ['subscriptions', 'Billing subscriptions'],
  ['usage', 'Billing usage'],
  ['exports', 'Billing exports'],
] as const;

interface HostedSetup {
  id: number;
  screenId: number;
  description: string;
  url: string;
  type: string;
}

/**
 * Registers our pods and tabs in Manage's "Manage Hosted API" setup table
 * (`/system/connectwisehostedsetups`), once: an existing row with the same
 * screen and description is updated instead of duplicated.
 */
export async function registerPods(cw: ConnectWiseClient, podBaseUrl: string): Promise<void> {
  const origin = new URL(podBaseUrl).origin;
  const wanted = [
    {
      screenId: SCREEN_IDS.ticket,
      description: 'Billing',
      url: `${podBaseUrl}?id=[cw_id]&screen=[cw_screen]`,
      type: 'Pod',
      origin,
      podHeight: 460,
    },
    {
      screenId: SCREEN_IDS.company,
      description: 'Billing',
      url: `${podBaseUrl}?id=[cw_id]&screen=[cw_screen]`,
      type: 'Pod',
      origin,
      podHeight: 420,
    },
    // The module's pages as tabs (Manage hosts tabs on record screens; the company screen is the admin's home).
    ...MODULE_TABS.map(([page, description]) => ({
      screenId: SCREEN_IDS.company,
      description,
      url: `${podBaseUrl}?page=${page}&id=[cw_id]&screen=[cw_screen]`,
      type: 'Tab',
      origin,
    })),
  ];
  const existing = await cw.listAll<HostedSetup>('/system/connectwisehostedsetups');
  for (const setup of wanted) {
    const match = existing.find((e) => e.screenId === setup.screenId && e.description === setup.description);
    if (!match) await cw.post('/system/connectwisehostedsetups', setup);
    else if (match.url !== setup.url)
      await cw.patch(`/system/connectwisehostedsetups/${match.id}`, [
        { op: 'replace', path: 'url', value: setup.url },
        { op: 'replace', path: 'origin', value: origin },
      ]);
  }
}
