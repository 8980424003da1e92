import { escapeHtml } from './html.js';
import type { HostedFrame } from './hosted-setups.js';

/**
 * Hosted API frames as Manage places them (docs/connectwise/hosted-api.md#registration, docs/connectwise/screens.md "Pods and
 * tabs"): pods inside the screen, each iframe as tall as its setup's
 * `podHeight`; tabs as full-width iframes behind a tab strip, shown when
 * their tab is selected.
 */
export function hostedPodsHtml(frames: readonly HostedFrame[]): string {
  const pods = frames.filter((f) => f.type === 'Pod');
  return `<div class="cw-hosted-pods">${pods
    .map(
      (f) => `<section class="pod_hosted" aria-label="${escapeHtml(f.description)}"><h3 class="pod_title">${escapeHtml(f.description)}</h3>
      ${iframe(f, 'pod', `height:${f.podHeight}px`)}</section>`,
    )
    .join('\n')}</div>`;
}

export function hostedTabsHtml(frames: readonly HostedFrame[]): string {
  const tabs = frames.filter((f) => f.type === 'Tab');
  if (tabs.length === 0) return '';
  const strip = [`<div class="cw-tab cw-tab-selected" role="tab" data-cw-tab="details">Details</div>`]
    .concat(tabs.map((f) => `<div class="cw-tab" role="tab" data-cw-tab="hosted-${f.setupId}">${escapeHtml(f.description)}</div>`))
    .join('');
  const panels = tabs
    .map((f) => `<div class="cw-tab-panel" data-cw-tab-panel="hosted-${f.setupId}" hidden>${iframe(f, 'tab', 'height:600px')}</div>`)
    .join('\n');
  return `<div class="cw-tab-strip" role="tablist">${strip}</div>${panels}`;
}

function iframe(f: HostedFrame, hostedAs: 'pod' | 'tab', style: string): string {
  return `<iframe data-cw-hosted data-setup-id="${f.setupId}" data-origin="${escapeHtml(f.origin)}" data-hosted-as="${hostedAs}" title="${escapeHtml(f.description)}" src="${escapeHtml(f.src)}" style="${style}"></iframe>`;
}
