import type { ManageRecord } from '../store.js';
import { escapeHtml } from './html.js';
import { hostContextScript, type RenderedScreen, type ScreenContext } from './screen-context.js';

/**
 * A Manage agreement screen (`openrecord.rails?recordType=AgreementFV&recid=ID`,
 * by analogy with CompanyFV [inferred]). The Hosted API cannot host pods here
 * (docs/connectwise/hosted-api.md#registration), so only the extension can add to it.
 */
export function renderAgreementScreen(ctx: ScreenContext, agreement: ManageRecord): RenderedScreen {
  const company = (agreement.company ?? {}) as Record<string, unknown>;
  const additions = ctx.store
    .all('agreementAdditions')
    .filter((a) => a.agreementId === agreement.id || (a.agreement as { id?: number } | undefined)?.id === agreement.id);
  const content = `${hostContextScript(ctx, 'agreement', agreement.id)}
  <div class="cw_BannerView cw-main-banner"><div class="cw_CwLabel gwt-Label detailLabel" data-testid="agreement-banner">Agreement: ${escapeHtml(agreement.name)}</div></div>
  <div class="pod_agreementDetails">
    <div><label>Company</label><input class="cw_company" readonly value="${escapeHtml(company.name)}"></div>
    <div><label>Bill amount</label><span>${escapeHtml(agreement.billAmount)}</span></div>
  </div>
  <div class="pod_agreementAdditions"><h3>Additions</h3><ul>${additions
    .map(
      (a) => `<li>${escapeHtml((a.product as { identifier?: string } | undefined)?.identifier ?? a.id)} × ${escapeHtml(a.quantity)}</li>`,
    )
    .join('')}</ul></div>`;
  return { title: `${String(agreement.name ?? '')} | ConnectWise Manage`, content };
}
