/** Shapes of the module's admin API (sync engine) as the pod's pages read them. */
export interface QuarantineItem {
  id: number;
  kind: 'sync' | 'usage';
  entity: string;
  externalId: string;
  reason: string;
  details: Record<string, unknown>;
  status: 'open' | 'resolved' | 'ignored';
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

export interface MappingItem {
  cwKey: string;
  cwName: string;
  mapped: boolean;
  value: Record<string, unknown> | null;
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

export interface ConnectionView {
  site?: string | null;
  companyId?: string | null;
  publicKey?: string | null;
  clientId?: string | null;
  codebase?: string | null;
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
