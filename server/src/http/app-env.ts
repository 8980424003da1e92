import type { Principal } from '../auth/principal.js';

export type { Principal };

export interface AppEnv {
  Variables: {
    requestId: string;
    principal: Principal;
  };
}
