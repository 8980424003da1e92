import type { Power } from '../../../shared/powers.js';

/** Who is calling: an API token (batch jobs, the extension) or a member session (the pod). */
export interface Principal {
  tokenId: string;
  kind: 'api' | 'session';
  name: string;
  powers: ReadonlySet<Power>;
  memberIdentifier: string | null;
}
