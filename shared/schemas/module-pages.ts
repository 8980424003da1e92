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

export interface SyncRun {
  id: number;
  mode: string;
  trigger: string;
  status: 'running' | 'succeeded' | 'failed';
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
