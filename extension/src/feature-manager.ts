import browser from 'webextension-polyfill';

/**
 * Runs each feature on the screens it applies to. Manage is a single-page
 * application: when the screen changes (a new record inside #cwContent, a new
 * address), every feature's AbortSignal fires and features are run again.
 * Features have no teardown code of their own.
 */
export type PagePredicate = (url: URL, doc: Document) => boolean;

export interface FeatureDefinition {
  include: PagePredicate[];
  init: (signal: AbortSignal) => void | Promise<void>;
  /** A key for "the same screen": the feature is not restarted while it stays equal. */
  screenKey?: (url: URL, doc: Document) => string | null;
}

const registered = new Map<string, FeatureDefinition>();

/**
 * `id` is the feature file's name (a test holds every feature to it). It is
 * written out rather than read from import.meta.url because the bundler puts
 * all features in one chunk.
 */
export const features = {
  add(id: string, definition: FeatureDefinition): void {
    registered.set(id, definition);
  },
};

export async function startFeatures(): Promise<void> {
  const stored = (await browser.storage.local.get('disabledFeatures')) as { disabledFeatures?: unknown };
  const disabled = new Set(Array.isArray(stored.disabledFeatures) ? stored.disabledFeatures : []);
  const running = new Map<string, { controller: AbortController; key: string }>();

  const evaluate = () => {
    const url = new URL(location.href);
    for (const [id, feature] of registered) {
      const applies = !disabled.has(id) && feature.include.every((predicate) => predicate(url, document));
      const key = applies ? (feature.screenKey?.(url, document) ?? url.href) : '';
      const current = running.get(id);
      if (current && current.key === key) continue;
      current?.controller.abort();
      running.delete(id);
      if (!applies) continue;
      const controller = new AbortController();
      running.set(id, { controller, key });
      void Promise.resolve(feature.init(controller.signal)).catch((error) => console.warn(`[cw-billing] feature ${id} failed`, error));
    }
  };

  let scheduled = false;
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setTimeout(() => {
      scheduled = false;
      evaluate();
    }, 100);
  };
  new MutationObserver(schedule).observe(document.documentElement, { childList: true, subtree: true, characterData: true });
  window.addEventListener('popstate', schedule);
  (globalThis as { navigation?: EventTarget }).navigation?.addEventListener('navigatesuccess', schedule);
  evaluate();
}
