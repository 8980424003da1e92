import type { ManageRecord } from '../store.js';
import { escapeHtml } from './html.js';
import { hostContextScript, navLink, type RenderedScreen, type ScreenContext } from './screen-context.js';

/**
 * A time entry screen with the markers of docs/connectwise/screens.md: the `.pod_timeEntryDetails`
 * container, the "Charge To" field `input.cw_ChargeToTextBox` (whose id ends
 * in ChargeToTextBox), and the notes toolbar's `.cw_ToolbarButton_TimeStamp`.
 * The Hosted API has no time entry screen (docs/connectwise/hosted-api.md#registration), so no pods here.
 */
export function renderTimeEntryScreen(ctx: ScreenContext, entry: ManageRecord): RenderedScreen {
  const company = (entry.company ?? {}) as Record<string, unknown>;
  const member = (entry.member ?? {}) as Record<string, unknown>;
  const workType = (entry.workType ?? {}) as Record<string, unknown>;
  const ticket =
    entry.chargeToType === 'ServiceTicket' && typeof entry.chargeToId === 'number' ? ctx.store.get('tickets', entry.chargeToId) : undefined;
  const chargeTo = ticket ? `#${ticket.id} - ${String(ticket.summary ?? '')}` : String(company.name ?? '');

  const content = `${hostContextScript(ctx, 'timeentry', entry.id)}
  <div class="cw_BannerView cw-main-banner"><div class="cw_CwLabel gwt-Label detailLabel" data-testid="time-entry-banner">Time Entry</div></div>
  <div class="cw_CwActionButton"><div class="mm_button" role="button" tabindex="0" data-cw-action="save">Save</div></div>
  <ul id="cw-messages" class="cw-messages" aria-live="polite"></ul>
  <div class="pod_timeEntryDetails">
    <div><label for="cw-time-ChargeToTextBox">Charge To</label><input id="cw-time-ChargeToTextBox" class="cw_ChargeToTextBox" readonly value="${escapeHtml(chargeTo)}">
      ${ticket ? navLink('ticket', ticket.id, 'Open ticket', escapeHtml) : ''}</div>
    <div><label>Company</label><input class="cw_company" readonly value="${escapeHtml(company.name)}"></div>
    <div><label>Member</label><span>${escapeHtml(member.name ?? member.identifier)}</span>
      <label for="cw-time-WorkRole">Work Role</label>${selectOf(ctx, 'workRoles', 'cw-time-WorkRole', 'cw_WorkRole', (entry.workRole as { id?: number } | undefined)?.id)}
      <label for="cw-time-WorkType">Work Type</label>${selectOf(ctx, 'workTypes', 'cw-time-WorkType', 'cw_WorkType', (workType as { id?: number }).id)}</div>
    <div><label>Start</label><span>${escapeHtml(entry.timeStart)}</span> <label>End</label><span>${escapeHtml(entry.timeEnd)}</span>
      <label for="cw-time-Hours">Hours</label><input id="cw-time-Hours" class="cw_Hours" value="${escapeHtml(entry.actualHours)}" size="5"></div>
    <div><label>Billable</label><span>${escapeHtml(entry.billableOption)}</span></div>
    <div class="cw_ToolbarButton_TimeStamp" role="button" tabindex="0">Time Stamp</div>
    <textarea class="cw_notes" readonly>${escapeHtml(entry.notes)}</textarea>
  </div>`;
  return { title: `Time Entry | ConnectWise Manage`, content };
}

/** Work role and work type as the editable drop-downs a technician changes while filling in the entry. */
function selectOf(
  ctx: ScreenContext,
  collection: 'workRoles' | 'workTypes',
  id: string,
  className: string,
  selected: number | undefined,
): string {
  const options = ctx.store
    .all(collection)
    .map((r) => `<option value="${r.id}"${r.id === selected ? ' selected' : ''}>${escapeHtml(r.name)}</option>`)
    .join('');
  return `<select id="${id}" class="${className}">${options}</select>`;
}
