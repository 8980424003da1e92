import { randomUUID } from 'node:crypto';
import type { ManageValidationError } from '../manage-errors.js';
import type { WriteRule } from '../write-rules.js';
import { isKnownType, levelsOf } from './callback-types.js';

/**
 * Manage's rules for registering a callback (`POST/PUT/PATCH
 * /system/callbacks`, docs/connectwise/callbacks.md), from the real create request/response
 * and error bodies (AMP `create/tickets/{request,response}.json`,
 * `create-webhook-bad-request-{1,2}.json`):
 * - the url must be an absolute http(s) address, else `InvalidField` "Invalid URL";
 * - the level must be one the type supports, else `InvalidObject`
 *   "Unrecognized level for type, see documentation for supported levels for each type";
 * - level `owner` coerces objectId to 1;
 * - a second entry with the same url, type, level and objectId is refused
 *   with `ObjectExists` "A matching callback entry already exists" on objectId;
 * - Manage sets memberId (the registering member), connectWiseID (a GUID),
 *   and defaults payloadVersion "3.0.0" and the flags to false.
 */
const RESOURCE = 'callbackEntry';

export const callbackRegistrationRule: WriteRule = ({ fields, store, caller, existing }) => {
  const errors: ManageValidationError[] = [];
  const url = String(fields.url ?? '');
  const type = String(fields.type ?? '');
  const level = String(fields.level ?? '');
  if (!isAbsoluteHttpUrl(url)) errors.push({ code: 'InvalidField', message: 'Invalid URL', resource: RESOURCE, field: 'url' });
  let levelKnown = false;
  if (!isKnownType(type)) {
    errors.push({
      code: 'InvalidField',
      message: `Unrecognized type ${type}, see documentation for supported types`,
      resource: RESOURCE,
      field: 'type',
    });
  } else if (!levelsOf(type).includes(level.toLowerCase())) {
    errors.push({
      code: 'InvalidObject',
      message: 'Unrecognized level for type, see documentation for supported levels for each type',
      resource: RESOURCE,
      field: 'level',
    });
  } else levelKnown = true;
  const isOwner = level.toLowerCase() === 'owner';
  const objectId = isOwner ? 1 : Number(fields.objectId);
  if (levelKnown && !isOwner && (!Number.isInteger(objectId) || objectId <= 0)) {
    errors.push({
      code: 'InvalidField',
      message: 'The objectId field must identify a record for this level.',
      resource: RESOURCE,
      field: 'objectId',
    });
  }
  if (errors.length) return { ok: false, errors };

  const duplicate = store
    .all('callbacks')
    .some(
      (other) =>
        other.id !== existing?.id &&
        other.url === url &&
        String(other.type).toLowerCase() === type.toLowerCase() &&
        String(other.level).toLowerCase() === level.toLowerCase() &&
        other.objectId === objectId,
    );
  if (duplicate)
    return {
      ok: false,
      errors: [{ code: 'ObjectExists', message: 'A matching callback entry already exists', resource: RESOURCE, field: 'objectId' }],
    };

  const member = store.all('members').find((m) => String(m.identifier).toLowerCase() === caller.memberIdentifier.toLowerCase());
  return {
    ok: true,
    fields: {
      ...(fields.description === undefined ? {} : { description: fields.description }),
      url,
      objectId,
      type,
      level,
      memberId: existing?.memberId ?? member?.id ?? 0,
      payloadVersion: fields.payloadVersion ?? '3.0.0',
      inactiveFlag: fields.inactiveFlag === true,
      isSoapCallbackFlag: false,
      isSelfSuppressedFlag: fields.isSelfSuppressedFlag === true,
      connectWiseID:
        existing?.connectWiseID ?? (typeof fields.connectWiseID === 'string' && fields.connectWiseID ? fields.connectWiseID : randomUUID()),
    },
  };
};

function isAbsoluteHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
