import type { Db } from './db/client.js';
import type { ConnectWiseClient } from './connectwise/client.js';
import type { RequirePower } from './http/require-power.js';
import type { MemberCredentialVault } from './auth/member-credential-vault.js';

export interface AppConfig {
  /** Origins of the Manage UI that may frame the pod and talk to it. */
  manageUiOrigins: string[];
  /** Folder holding the built pod (resolved from the working directory). */
  podAssetsDir: string;
  /** ConnectWise company id our member sessions are checked against (never taken from the client). */
  cwCompanyId: string;
  currency: string;
}

export interface AppDeps {
  db: Db;
  cw: ConnectWiseClient;
  clock: () => Date;
  config: AppConfig;
  requirePower: RequirePower;
  /** Member hashes of pod sessions, in memory; createApp makes one when not given. */
  memberCredentials?: MemberCredentialVault;
}

export type ResolvedAppDeps = AppDeps & { memberCredentials: MemberCredentialVault };
