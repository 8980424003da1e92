import { readSetting } from '../settings/settings-store.js';
import { SYNC_OPTIONS_KEY, SyncOptionsSchema } from '../settings/sync-options.js';
import { runSync, type SyncDeps } from './run-sync.js';

/**
 * Runs an incremental sync every `scheduleMinutes` (a setting, read on every tick so a
 * change applies without a restart). A tick while a run holds the lease is skipped.
 */
export function startSyncSchedule(deps: SyncDeps | (() => Promise<SyncDeps>), tickMs = 60_000): { stop(): void } {
  let lastRun = 0;
  let busy = false;
  const timer = setInterval(async () => {
    if (busy) return;
    busy = true;
    try {
      const resolved = typeof deps === 'function' ? await deps() : deps;
      const { scheduleMinutes } = await readSetting(resolved.db, SYNC_OPTIONS_KEY, SyncOptionsSchema);
      if (scheduleMinutes > 0 && Date.now() - lastRun >= scheduleMinutes * 60_000) {
        lastRun = Date.now();
        await runSync(resolved, { mode: 'incremental', trigger: 'schedule' });
      }
    } catch {
      // Recorded in sync_runs when the run started; a refused lease just waits for the next tick.
    } finally {
      busy = false;
    }
  }, tickMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
