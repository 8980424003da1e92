import type { ManageRecord, ManageStore } from '../store.js';

/**
 * Screen ids of Manage's ConnectWiseHostedApiScreen report (docs/connectwise/hosted-api.md#registration):
 * 1 CompanyDetail, 2 ContactDetail, 3 ConnectWiseToday, 4 ServiceTicket, ...
 */
export const HOSTED_SCREENS = { company: 1, contact: 2, ticket: 4, projectTicket: 5 } as const;
export type HostedScreenName = keyof typeof HOSTED_SCREENS;

export interface HostedFrame {
  setupId: number;
  description: string;
  type: 'Pod' | 'Tab';
  src: string;
  origin: string;
  podHeight: number;
}

/** The pods and tabs registered for a screen, with `[cw_id]`/`[cw_screen]` substituted. */
export function hostedFramesFor(store: ManageStore, screen: HostedScreenName, recordId: number): HostedFrame[] {
  return store
    .all('hostedSetups')
    .filter((s: ManageRecord) => s.screenId === HOSTED_SCREENS[screen] && s.disabledFlag !== true)
    .map((s) => {
      const url = String(s.url ?? '');
      const src = url.replaceAll('[cw_id]', String(recordId)).replaceAll('[cw_screen]', screen);
      return {
        setupId: s.id,
        description: String(s.description ?? ''),
        type: s.type === 'Tab' ? 'Tab' : 'Pod',
        src,
        origin: originOf(String(s.origin ?? '') || src),
        podHeight: typeof s.podHeight === 'number' && s.podHeight > 0 ? s.podHeight : 300,
      } satisfies HostedFrame;
    });
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}
