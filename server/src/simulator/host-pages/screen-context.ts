import type { ManageRecord, ManageStore } from '../store.js';
import type { SimulatorIdentity } from '../identity.js';
import { scriptJson } from './html.js';

/** What every simulated Manage screen needs to render. */
export interface ScreenContext {
  store: ManageStore;
  identity: SimulatorIdentity;
  /** The member signed in to the simulated Manage UI. */
  memberIdentifier: string;
  publicBaseUrl: string;
}

/** A screen's content: the document title, and what goes inside #cwContent. */
export interface RenderedScreen {
  title: string;
  content: string;
}

/** Manage's deep links (docs/connectwise/screens.md "Addresses"); `{id}` is the record id. */
export const SCREEN_LINKS = {
  ticket: '/v4_6_release/services/system_io/Service/fv_sr100_request.rails?service_recid={id}',
  company: '/v4_6_release/services/system_io/router/openrecord.rails?locale=en_US&recordType=CompanyFV&recid={id}',
  timeEntry: '/v4_6_release/services/system_io/router/openrecord.rails?locale=en_US&recordType=TimeEntryFV&recid={id}',
  invoice: '/v4_6_release/services/system_io/router/openrecord.rails?locale=en_US&recordType=InvoiceFV&recid={id}',
  agreement: '/v4_6_release/services/system_io/router/openrecord.rails?locale=en_US&recordType=AgreementFV&recid={id}',
} as const;

export type ScreenName = keyof typeof SCREEN_LINKS;

export function linkTo(screen: ScreenName, id: number): string {
  return SCREEN_LINKS[screen].replace('{id}', String(id));
}

/** An in-app link: a full page load on classic pages, a swap of #cwContent inside the ConnectWise.aspx shell. */
export function navLink(screen: ScreenName, id: number, text: string, escapeText: (s: unknown) => string): string {
  return `<a href="${linkTo(screen, id)}" data-cw-nav="${screen}" data-cw-nav-id="${id}">${escapeText(text)}</a>`;
}

/**
 * The JSON the Hosted API host script reads (#cw-host-context): the screen,
 * the record, and the member authentication data Manage hands a pod
 * (HAPI: site, companyid, memberid, memberHash, memberContext, memberEmail;
 * lower-case keys, docs/connectwise/hosted-api.md#message-protocol).
 */
export function hostContextScript(
  ctx: ScreenContext,
  screen: 'ticket' | 'company' | 'timeentry' | 'invoice' | 'agreement',
  recordId: number,
): string {
  const member = findMember(ctx.store, ctx.memberIdentifier);
  const identifier = String(member?.identifier ?? ctx.memberIdentifier);
  const hostContext = {
    screen,
    recordId,
    member: {
      site: `${ctx.publicBaseUrl}/`,
      companyid: ctx.identity.credentials.companyId,
      memberid: identifier,
      memberHash: ctx.identity.memberHashFor(identifier),
      memberContext: 'web',
      memberEmail: String(member?.primaryEmail ?? ''),
    },
    links: { ticket: SCREEN_LINKS.ticket, company: SCREEN_LINKS.company },
  };
  return `<script type="application/json" id="cw-host-context">${scriptJson(hostContext)}</script>`;
}

function findMember(store: ManageStore, identifier: string): ManageRecord | undefined {
  return store.all('members').find((m) => String(m.identifier).toLowerCase() === identifier.toLowerCase());
}
