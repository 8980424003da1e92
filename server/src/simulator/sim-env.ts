import type { Caller } from './identity.js';

export interface SimulatorEnv {
  Variables: {
    caller: Caller;
    /** Path below `apis/3.0/`, e.g. `service/tickets/1001`. */
    apiPath: string;
    codebase: string;
    /** The address clients used (hrefs and Link headers are built on it). */
    publicBaseUrl: string;
  };
}
