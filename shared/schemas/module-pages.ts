/** Shapes of the module's admin API (sync engine) as the pod's pages read them. */
export interface QuarantineItem {
  id: number;
  kind: 'sync' | 'usage';
  entity: string;
  externalId: string;
  reason: string;
  details: Record<string, unknown>;
  status: 'open' | 'resolved' | 'ignored';
  /** The admin's decision, e.g. {action:'link', accountId: 4}; applied again on every re-sync. */
  decision: Record<string, unknown> | null;
  firstSeenAt: string;
  updatedAt: string;
  recommendedFix: string | null;
}

/** The item after the action: still open (with its reason now), resolved or ignored. */
export interface QuarantineActionResult {
  id: number;
  status: string;
  reason: string;
}

/** How many items wait in the quarantine, by reason (the extension's popup shows it). */
export interface QuarantineSummary {
  open: number;
  byReason: Record<string, number>;
}

export interface MappingItem {
  cwKey: string;
  cwName: string;
  mapped: boolean;
  value: Record<string, unknown> | null;
  /** False for a stored mapping whose value ConnectWise no longer lists. */
  inConnectWise: boolean;
}

/**
 * 'interrupted': the process running it stopped (killed, machine restarted) before it
 * finished; its counts are what it had saved page by page, and the next run resumes from its
 * checkpoints.
 */
export const SYNC_RUN_STATUSES = ['running', 'succeeded', 'failed', 'interrupted'] as const;
export type SyncRunStatus = (typeof SYNC_RUN_STATUSES)[number];

/** What a run picked up from an earlier one: that run, and each stream's pass in progress (after id `afterId`). */
export interface SyncResumedFrom {
  runId: number;
  streams: { stream: string; runId: number; mode: 'incremental' | 'full'; since: string | null; afterId: number }[];
}

export interface SyncRun {
  id: number;
  mode: string;
  trigger: string;
  status: SyncRunStatus;
  /** The process (`host:pid:nonce`) that runs or ran it. */
  holder: string | null;
  resumedFrom: SyncResumedFrom | null;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  added: number;
  updated: number;
  unchanged: number;
  quarantined: number;
  skipped: number;
  deleted: number;
  requests: number;
  errors: string[];
  /** Per-stream counts, brought up to date with every page. */
  streams: Record<string, Record<string, number>>;
}

/** The stored connection; empty strings until one is saved. */
export interface ConnectionView {
  site: string;
  companyId: string;
  publicKey: string;
  clientId: string;
  codebase: string | null;
  /** Whether a private key is stored; the key itself is never returned. */
  privateKeySet: boolean;
}

export type SyncOptions = Record<string, unknown> & {
  billableOptions: string[];
  approvedStatuses: string[];
  rateSource: 'connectwise' | 'rate-card';
  autoCreateProducts: boolean;
  fireAccountCreatedEvent: boolean;
  scheduleMinutes: number;
};
