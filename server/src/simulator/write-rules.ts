import type { ManageValidationError } from './manage-errors.js';
import type { Caller } from './identity.js';
import type { ManageRecord, ManageStore } from './store.js';

/**
 * Resource-specific rules Manage applies when a record is created or
 * replaced (POST, PUT, and PATCH after its operations are applied), beyond
 * the required fields: e.g. callback registration (docs/connectwise/callbacks.md). A rule
 * returns the record to store, possibly with Manage-set fields, or the
 * validation errors that make up an `InvalidObject` answer.
 */
export type WriteRuleResult = { ok: true; fields: Record<string, unknown> } | { ok: false; errors: ManageValidationError[] };

export interface WriteRuleInput {
  fields: Record<string, unknown>;
  store: ManageStore;
  caller: Caller;
  /** The stored record on PUT/PATCH; undefined on POST. */
  existing?: ManageRecord;
}

export type WriteRule = (input: WriteRuleInput) => WriteRuleResult;

/** Rules by collection name. */
export type WriteRules = Readonly<Record<string, WriteRule>>;
