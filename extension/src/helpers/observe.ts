/**
 * Calls `callback` once for every element matching `selector`, now and
 * whenever Manage renders a new one, until the signal aborts. Manage
 * re-renders often; each element is reported once however often that happens.
 */
export function observe(selector: string, callback: (element: Element) => void, options: { signal: AbortSignal; root?: Node }): void {
  const seen = new WeakSet<Element>();
  const root = options.root ?? document.documentElement;
  const scan = () => {
    if (options.signal.aborted) return;
    for (const element of (root as ParentNode).querySelectorAll(selector)) {
      if (seen.has(element)) continue;
      seen.add(element);
      callback(element);
    }
  };
  const observer = new MutationObserver(scan);
  observer.observe(root, { childList: true, subtree: true });
  options.signal.addEventListener('abort', () => observer.disconnect(), { once: true });
  scan();
}
