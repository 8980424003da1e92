// The printable invoice (pure: data in, HTML out). Sections after Emersion's invoice:
// Services and Equipment grouped by bundle or agreement; Labour Charges (ticket, date,
// member, work role × work type, hours, rate, amount); Products; Expenses; then the tax
// summary and the totals. Every piece of text is escaped: descriptions come from
// ConnectWise, where anyone with a ticket can type anything.

import { centsToDecimalString, formatMoney, money } from '../../../shared/money.js';
import type { InvoiceLineView } from './get-invoice.js';
import { taxSummary } from './tax.js';

export type InvoiceDocumentView = {
  kind: 'invoice' | 'credit_note';
  status: 'draft' | 'approved';
  number: string | null;
  issuedOn: string;
  periodStart: string | null;
  periodEnd: string | null;
  currency: string;
  netCents: number;
  taxCents: number;
  totalCents: number;
  reason: string | null;
  creditedInvoiceNumber: string | null;
  account: { name: string; externalKey: string | null };
  lines: InvoiceLineView[];
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Quantities in thousandths as short decimals: 1500 → "1.5", 2000 → "2". */
function quantity(milli: number): string {
  return centsToDecimalString(milli, 3).replace(/\.?0+$/, '');
}

/** The last day served, for display: periods are stored half-open [start, end). */
function servicePeriod(line: InvoiceLineView): string {
  if (!line.servicePeriodStart || !line.servicePeriodEnd) return '';
  const lastDay = new Date(`${line.servicePeriodEnd}T00:00:00Z`);
  lastDay.setUTCDate(lastDay.getUTCDate() - 1);
  return `${line.servicePeriodStart} – ${lastDay.toISOString().slice(0, 10)}`;
}

export function renderInvoiceHtml(view: InvoiceDocumentView): string {
  const m = (cents: number) => escapeHtml(formatMoney(money(cents, view.currency)));
  const e = (text: string | null | undefined) => escapeHtml(text ?? '');
  const bySection = (section: string) => view.lines.filter((line) => line.section === section);
  const title = view.kind === 'credit_note' ? 'Credit Note' : view.status === 'draft' ? 'Draft Tax Invoice' : 'Tax Invoice';

  const simpleRows = (lines: InvoiceLineView[]) =>
    lines
      .map(
        (line) =>
          `<tr><td>${e(line.description)}</td><td class="date">${e(line.charge?.chargeDate)}</td><td class="num">${quantity(line.quantityMilli)}</td><td class="num">${m(line.unitPriceCents)}</td><td class="num">${m(line.amountCents)}</td></tr>`,
      )
      .join('');
  const simpleTable = (heading: string, lines: InvoiceLineView[]) =>
    lines.length === 0
      ? ''
      : `<section><h2>${heading}</h2><table><thead><tr><th>Description</th><th>Date</th><th class="num">Qty</th><th class="num">Unit price</th><th class="num">Amount</th></tr></thead><tbody>${simpleRows(lines)}</tbody></table></section>`;

  const services = bySection('services');
  const groups = [...new Set(services.map((line) => line.groupLabel ?? 'Services'))];
  const servicesHtml =
    services.length === 0
      ? ''
      : `<section><h2>Services and Equipment</h2><table><thead><tr><th>Description</th><th>Service period</th><th class="num">Qty</th><th class="num">Unit price</th><th class="num">Amount</th></tr></thead>${groups
          .map(
            (group) =>
              `<tbody><tr class="group"><th colspan="5">${e(group)}</th></tr>${services
                .filter((line) => (line.groupLabel ?? 'Services') === group)
                .map(
                  (line) =>
                    `<tr><td>${e(line.description)}</td><td>${e(servicePeriod(line))}</td><td class="num">${quantity(line.quantityMilli)}</td><td class="num">${m(line.unitPriceCents)}</td><td class="num">${m(line.amountCents)}</td></tr>`,
                )
                .join('')}</tbody>`,
          )
          .join('')}</table></section>`;

  const labour = bySection('labour');
  const labourHtml =
    labour.length === 0
      ? ''
      : `<section><h2>Labour Charges</h2><table><thead><tr><th>Ticket #</th><th>Date</th><th>Member</th><th>Work role × work type</th><th>Notes</th><th class="num">Hours</th><th class="num">Rate</th><th class="num">Amount</th></tr></thead><tbody>${labour
          .map((line) => {
            const roleType = [line.charge?.workRole, line.charge?.workType].filter(Boolean).join(' × ');
            const included =
              line.includedQuantityMilli > 0 ? `<div class="note">${quantity(line.includedQuantityMilli)} h included</div>` : '';
            return `<tr><td>${e(line.charge?.ticketNumber)}</td><td class="date">${e(line.charge?.chargeDate)}</td><td>${e(line.charge?.memberName)}</td><td>${e(roleType)}</td><td>${e(line.description)}</td><td class="num">${quantity(line.quantityMilli)}${included}</td><td class="num">${m(line.unitPriceCents)}</td><td class="num">${m(line.amountCents)}</td></tr>`;
          })
          .join('')}</tbody></table></section>`;

  const summary = taxSummary(
    view.lines.map((line) => ({
      amountCents: line.amountCents,
      taxCode: line.taxCode,
      rateBasisPoints: line.taxRateBasisPoints ?? 'exempt',
    })),
  );
  const rate = (r: number | 'exempt') => (r === 'exempt' ? 'Exempt' : `${centsToDecimalString(r, 2).replace(/\.?0+$/, '')}%`);
  const taxHtml = `<section class="tax"><h2>Tax summary</h2><table><thead><tr><th>Tax code</th><th>Rate</th><th class="num">Net</th><th class="num">Tax</th></tr></thead><tbody>${summary.byTaxCode
    .map(
      (group) =>
        `<tr><td>${e(group.taxCode)}</td><td>${rate(group.rateBasisPoints)}</td><td class="num">${m(group.netCents)}</td><td class="num">${m(group.taxCents)}</td></tr>`,
    )
    .join('')}</tbody></table>
  <table class="totals"><tbody><tr><th>Subtotal</th><td class="num">${m(view.netCents)}</td></tr><tr><th>Tax</th><td class="num">${m(view.taxCents)}</td></tr><tr class="total"><th>Total ${e(view.currency)}</th><td class="num">${m(view.totalCents)}</td></tr></tbody></table></section>`;

  const meta = [
    ['Number', view.number ?? 'Draft'],
    ['Issued', view.issuedOn],
    ...(view.periodStart && view.periodEnd
      ? [['Billing period', servicePeriod({ servicePeriodStart: view.periodStart, servicePeriodEnd: view.periodEnd } as InvoiceLineView)]]
      : []),
    ...(view.creditedInvoiceNumber ? [['Credits invoice', view.creditedInvoiceNumber]] : []),
    ...(view.reason ? [['Reason', view.reason]] : []),
  ];

  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${e(title)} ${e(view.number ?? '')}</title>
<style>
  @page { size: A4; margin: 16mm; }
  body { font: 13px/1.45 system-ui, sans-serif; color: #1b1f24; margin: 24px; }
  header { display: flex; justify-content: space-between; border-bottom: 2px solid #1b1f24; padding-bottom: 12px; }
  h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 15px; margin: 22px 0 6px; }
  dl { display: grid; grid-template-columns: auto auto; gap: 2px 12px; margin: 0; } dt { color: #57606a; } dd { margin: 0; }
  table { width: 100%; border-collapse: collapse; } th, td { text-align: left; padding: 4px 6px; border-bottom: 1px solid #d8dee4; vertical-align: top; }
  thead th { background: #f3f5f7; font-weight: 600; } .num, .date { text-align: right; white-space: nowrap; } .date { text-align: left; }
  tr.group th { background: #fafbfc; font-style: italic; } .note { color: #57606a; font-size: 11px; }
  .tax { display: grid; grid-template-columns: 3fr 2fr; gap: 24px; align-items: end; } .tax h2 { grid-column: 1 / -1; margin-bottom: 0; }
  .totals th { text-align: right; } .totals .total th, .totals .total td { font-size: 16px; font-weight: 700; border-top: 2px solid #1b1f24; }
  @media print { body { margin: 0; } section { break-inside: avoid; } }
</style></head>
<body>
<header><div><h1>${e(title)}</h1><div>${e(view.account.name)}</div></div>
<dl>${meta.map(([label, value]) => `<dt>${e(label)}</dt><dd>${e(value)}</dd>`).join('')}</dl></header>
${servicesHtml}
${labourHtml}
${simpleTable('Products', bySection('products'))}
${simpleTable('Expenses', bySection('expenses'))}
${simpleTable('Other charges and credits', bySection('other'))}
${taxHtml}
</body></html>`;
}
