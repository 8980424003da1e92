// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../../shared/api-client.js';
import type { SyncRun } from '../../../../shared/schemas/module-pages.js';
import { RunsPage } from './runs-page.js';

const base: SyncRun = {
  id: 1,
  mode: 'full',
  trigger: 'cli',
  status: 'succeeded',
  holder: 'host:100:a',
  resumedFrom: null,
  startedAt: '2026-11-16T09:00:00.000Z',
  finishedAt: '2026-11-16T09:00:05.000Z',
  durationMs: 5000,
  added: 0,
  updated: 0,
  unchanged: 0,
  quarantined: 0,
  skipped: 0,
  deleted: 0,
  requests: 0,
  errors: [],
  streams: {},
};

async function shown(runs: SyncRun[]): Promise<HTMLElement> {
  const api = { syncRuns: async () => ({ items: runs }) } as unknown as ApiClient;
  const root = document.createElement('div');
  document.body.append(root);
  render(<RunsPage api={api} />, root);
  for (let i = 0; i < 20 && !root.querySelector('[data-testid="runs-page"]'); i++) await new Promise((r) => setTimeout(r, 5));
  return root;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('the sync runs page', () => {
  it('says an interrupted run stopped with its process, with the counts it saved, and that the next run resumed it', async () => {
    const root = await shown([
      {
        ...base,
        id: 2,
        trigger: 'manual:api:admin',
        status: 'succeeded',
        added: 4,
        resumedFrom: { runId: 1, streams: [{ stream: 'time_entries', runId: 1, mode: 'full', since: null, afterId: 9 }] },
      },
      { ...base, id: 1, status: 'interrupted', finishedAt: null, durationMs: null, added: 13 },
    ]);
    const rows = [...root.querySelectorAll('[data-testid="sync-run"]')];
    expect(rows).toHaveLength(2);
    const [resumed, interrupted] = rows;
    expect(interrupted.querySelector('[data-testid="sync-run-status"]')!.textContent).toBe('interrupted');
    expect(interrupted.querySelector('[data-testid="sync-run-interrupted"]')!.textContent).toContain('its process was killed or restarted');
    expect(interrupted.textContent).toContain('13');
    expect(interrupted.textContent).toContain('—');
    expect(resumed.querySelector('[data-testid="sync-run-resumed"]')!.textContent).toBe(
      'Resumed run #1 from its checkpoint: time entries after id 9.',
    );
    expect(resumed.querySelector('[data-testid="sync-run-interrupted"]')).toBeNull();
  });

  it('adds nothing to a run that neither was interrupted nor resumed one', async () => {
    const root = await shown([{ ...base, status: 'running', finishedAt: null, durationMs: null }]);
    const [row] = [...root.querySelectorAll('[data-testid="sync-run"]')];
    expect(row.querySelector('[data-testid="sync-run-status"]')!.textContent).toBe('running');
    expect(row.querySelectorAll('.cwb-explain').length).toBe(1); // the trigger only
  });
});
