/**
 * Styles of the billing views, as one string so the pod's page and the
 * extension's shadow root can both carry them. Sizes are written with units
 * (preact 11 adds no `px`).
 */
export const BILLING_STYLES = `
.cwb { font: 13px/1.4 Arial, Helvetica, sans-serif; color: #1f2933; }
.cwb h2 { font-size: 14px; margin: 0 0 6px; }
.cwb-summary { display: flex; gap: 16px; margin: 0 0 8px; color: #52606d; }
.cwb-summary strong { color: #1f2933; }
.cwb table { border-collapse: collapse; width: 100%; }
.cwb th, .cwb td { text-align: left; padding: 4px 6px; border-bottom: 1px solid #e4e7eb; vertical-align: top; }
.cwb th { font-size: 12px; color: #52606d; font-weight: 600; }
.cwb td.num, .cwb th.num { text-align: right; white-space: nowrap; }
.cwb-badge { display: inline-block; padding: 1px 6px; border-radius: 9px; font-size: 11px; white-space: nowrap; }
.cwb-badge.billable { background: #e3f9e5; color: #05400a; }
.cwb-badge.not-billable { background: #f0f4f8; color: #52606d; }
.cwb-badge.no-charge { background: #fff3c4; color: #513c06; }
.cwb-explain { color: #52606d; font-size: 12px; }
.cwb-notes { white-space: pre-wrap; overflow-wrap: anywhere; }
.cwb-state { padding: 10px; border-radius: 4px; background: #f5f7fa; }
.cwb-state.error { background: #ffe3e3; color: #610404; }
.cwb-visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.cwb button.cwb-link { background: none; border: 0; padding: 0; color: #026cb6; text-decoration: underline; }
/* Groups of controls are fieldsets for their role; they keep the look of a plain block. */
fieldset.cwb, .cwb fieldset { border: 0; padding: 0; margin: 0; min-inline-size: 0; }
.cwb button { font: inherit; padding: 3px 10px; cursor: pointer; }
/* The billing desk's forms: label beside field, as Manage's own setup screens lay them out. */
.cwb-form { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 4px 10px; align-items: center; margin: 0 0 8px; }
.cwb-form > label, .cwb-form > .cwb-form-label { color: #52606d; font-size: 12px; }
.cwb input, .cwb select, .cwb textarea { font: inherit; }
.cwb-panel { border: 1px solid #d9dee4; border-radius: 4px; padding: 8px 10px; margin: 8px 0; background: #fff; }
.cwb-panel h3 { font-size: 13px; margin: 0 0 6px; }
.cwb tr.cwb-total td { font-weight: 600; border-top: 1px solid #9aa5b1; }
.cwb button.cwb-primary { background: #026cb6; color: #fff; border: 1px solid #025a98; border-radius: 3px; }
.cwb button:disabled { cursor: default; opacity: 0.55; }
`;
