import { escapeHtml } from './html.js';

/** The shell every simulated Manage screen shares: header bar and the `#cwContent` root. */
export function manageLayout(input: {
  title: string;
  body: string;
  headScripts?: string;
  tailScript?: string;
  beforeContent?: string;
}): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(input.title)}</title>
<style>
  body { font-family: Arial, Helvetica, sans-serif; margin: 0; background: #eef1f5; color: #222; }
  .cw-header { background: #026cb6; color: #fff; padding: 8px 16px; font-weight: bold; }
  .cw-nav { background: #fff; border-bottom: 1px solid #cfd6de; padding: 6px 16px; font-size: 13px; }
  .cw-nav a { margin-right: 12px; }
  #cwContent { padding: 12px 16px; }
  .cw_BannerView { background: #fff; border-bottom: 2px solid #026cb6; padding: 10px; font-size: 18px; }
  .cw_CwActionButton { margin: 8px 0; }
  .mm_button { display: inline-block; background: #026cb6; color: #fff; padding: 4px 14px; border-radius: 3px; cursor: pointer; }
  .pod_ticketHeader, .pod_ticketSummary, .pod_ticketTimeEntries, .pod_companyDetails, .pod_companyContacts, .pod_companyTickets, .pod_timeEntryDetails, .pod_hosted { background: #fff; margin: 8px 0; padding: 8px 10px; border: 1px solid #cfd6de; }
  label { color: #666; font-size: 12px; margin-right: 6px; }
  input { border: 1px solid #ccc; padding: 2px 4px; margin-right: 16px; }
  .pod_title { margin: 0 0 6px; font-size: 14px; color: #026cb6; }
  .pod_hosted iframe, .cw-tab-panel iframe { width: 100%; border: 0; display: block; }
  .cw-tab-strip { display: flex; gap: 2px; margin-top: 8px; }
  .cw-tab { padding: 4px 12px; background: #dde3ea; cursor: pointer; }
  .cw-tab-selected { background: #fff; font-weight: bold; }
  .cw_ToolbarButton_TimeStamp { display: inline-block; border: 1px solid #ccc; padding: 2px 8px; margin: 6px 0; cursor: pointer; }
  .cw-messages { color: #b00020; }
  .cw-loading { color: #666; padding: 20px; }
</style>
${input.headScripts ?? ''}
</head><body>
<div class="cw-header">ConnectWise Manage <span style="font-weight:normal">(simulator)</span></div>
${input.beforeContent ?? ''}
<div id="cwContent" class="cw-WorkspaceView">${input.body}</div>
${input.tailScript ? `<script>${input.tailScript}</script>` : ''}
</body></html>`;
}
