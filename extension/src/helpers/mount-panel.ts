import { render, type VNode } from 'preact';
import { BILLING_STYLES } from '../../../shared/ui/billing-styles.js';

const MARKER = 'cwb-ext-panel';

/**
 * Inserts a panel after `anchor`, inside a shadow root so Manage's styles and
 * ours never mix. Idempotent: a panel already there for this feature is
 * reused, never duplicated. The panel goes away when the signal aborts.
 */
export function mountPanel(anchor: Element, featureId: string, signal: AbortSignal): { render(view: VNode): void } | null {
  if (signal.aborted) return null;
  const parent = anchor.parentElement;
  if (!parent) return null;
  let host = parent.querySelector<HTMLElement>(`:scope > .${MARKER}[data-feature="${featureId}"]`);
  if (!host) {
    host = document.createElement('section');
    host.className = MARKER;
    host.dataset.feature = featureId;
    host.setAttribute('aria-label', 'Billing');
    host.style.margin = '8px 0';
    const shadow = host.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = `${BILLING_STYLES}:host { display: block; background: #fff; border: 1px solid #cfd6de; padding: 8px 10px; }`;
    shadow.append(style, document.createElement('div'));
    anchor.after(host);
  }
  const mountPoint = host.shadowRoot!.lastElementChild!;
  const element = host;
  signal.addEventListener(
    'abort',
    () => {
      render(null, mountPoint);
      element.remove();
    },
    { once: true },
  );
  return { render: (view) => render(view, mountPoint) };
}
