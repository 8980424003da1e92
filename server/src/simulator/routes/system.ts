import type { Context } from 'hono';
import type { ManageStore } from '../store.js';
import type { SimulatorEnv } from '../sim-env.js';
import { manageErrors } from '../manage-errors.js';

export interface SystemDeps {
  store: ManageStore;
  version: string;
  isCloud: boolean;
}

/**
 * `/system/info` and the authenticated member's own records,
 * `/system/myMembers` and `/system/myMembers/info` (docs/connectwise/rest-api.md#versioning, docs/connectwise/records.md#members, docs/connectwise/hosted-api.md#validating-memberhash-on-the-server).
 * Returns undefined for paths it does not own.
 */
export function handleSystemRequest(c: Context<SimulatorEnv>, deps: SystemDeps): Response | undefined {
  const path = c.get('apiPath').toLowerCase();
  if (c.req.method !== 'GET') return undefined;
  if (path === 'system/info') {
    return c.json({
      version: `v${deps.version}`,
      isCloud: deps.isCloud,
      serverTimeZone: 'Eastern Standard Time',
      licenseBits: [],
      cloudRegion: deps.isCloud ? 'NA' : undefined,
      maxWorkFlowRecordsAllowed: 1000,
    });
  }
  if (path === 'system/mymembers' || path === 'system/mymembers/info') {
    const identifier = c.get('caller').memberIdentifier;
    const member = deps.store.all('members').find((m) => String(m.identifier).toLowerCase() === identifier.toLowerCase());
    if (!member) return c.json(manageErrors.unauthorized(), 401);
    if (path === 'system/mymembers') return c.json(member);
    return c.json({
      id: member.id,
      identifier: member.identifier,
      fullName: `${String(member.firstName ?? '')} ${String(member.lastName ?? '')}`.trim(),
      defaultEmail: member.primaryEmail,
      licenseClass: member.licenseClass,
      workRole: member.workRole,
      workType: member.workType,
      ssoSessionFlag: false,
    });
  }
  return undefined;
}
