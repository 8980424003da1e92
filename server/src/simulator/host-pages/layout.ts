import { escapeHtml } from './html.js';

/** The shell every simulated Manage screen shares: header bar and the `#cwContent` root. */
export function manageLayout(input: { title: string; body: string; headScripts?: string; tailScript?: string }): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(input.title)}</title>
<style>
  body { font-family: Arial, Helvetica, sans-serif; margin: 0; background: #eef1f5; color: #222; }
  .cw-header { background: #026cb6; color: #fff; padding: 8px 16px; font-weight: bold; }
  #cwContent { padding: 12px 16px; }
  .cw_BannerView { background: #fff; border-bottom: 2px solid #026cb6; padding: 10px; font-size: 18px; }
  .cw_CwActionButton { margin: 8px 0; }
  .mm_button { display: inline-block; background: #026cb6; color: #fff; padding: 4px 14px; border-radius: 3px; cursor: pointer; }
  .pod_ticketHeader, .pod_ticketSummary, .pod_hosted { background: #fff; margin: 8px 0; padding: 8px 10px; border: 1px solid #cfd6de; }
  .pod_ticketHeader label { color: #666; font-size: 12px; margin-right: 6px; }
  .pod_ticketHeader input { border: 1px solid #ccc; padding: 2px 4px; margin-right: 16px; }
  .pod_title { margin: 0 0 6px; font-size: 14px; color: #026cb6; }
  .pod_hosted iframe { width: 100%; border: 0; display: block; }
  .cw-messages { color: #b00020; }
</style>
${input.headScripts ?? ''}
</head><body>
<div class="cw-header">ConnectWise Manage <span style="font-weight:normal">(simulator)</span></div>
<div id="cwContent" class="cw-WorkspaceView">${input.body}</div>
${input.tailScript ? `<script>${input.tailScript}</script>` : ''}
</body></html>`;
}
