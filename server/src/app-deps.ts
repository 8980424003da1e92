import type { Db } from './db/client.js';
import type { ConnectWiseClient } from './sync/cw/client.js';
import type { RequirePower } from './auth/require-power.js';

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
}
