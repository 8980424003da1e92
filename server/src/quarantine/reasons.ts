/** Why a ConnectWise record could not become billing data (closed set; the UI explains each). */
export const QUARANTINE_REASONS = [
  'unknown_company',
  'ambiguous_company',
  'unmapped_company_type',
  'unmapped_company_status',
  'unmapped_communication_type',
  'unmapped_work_role_type',
  'unmapped_catalog_item',
  'unmapped_expense_type',
  'closed_account',
  'missing_rate',
  'changed_after_charge',
  'changed_after_billing',
  'deleted_after_billing',
  'invalid_record',
  'rejected_by_connectwise',
  'billing_rejected',
] as const;
export type QuarantineReason = (typeof QUARANTINE_REASONS)[number];

export const QUARANTINE_ENTITIES = ['company', 'contact', 'time_entry', 'product', 'expense'] as const;
export type QuarantineEntity = (typeof QUARANTINE_ENTITIES)[number];

export const RECOMMENDED_FIX: Record<QuarantineReason, string> = {
  unknown_company: 'Sync or link the ConnectWise company first, then retry.',
  ambiguous_company: 'Several accounts match this company: link it to one of them.',
  unmapped_company_type: 'Map the company type (Mappings > Company types), then retry.',
  unmapped_company_status: 'Map the company status (Mappings > Company statuses), then retry.',
  unmapped_communication_type: 'Map the communication type, then retry.',
  unmapped_work_role_type: 'Map the work role × work type to a labour product, or link/create one.',
  unmapped_catalog_item: 'Map the catalog item to a product, or link/create one.',
  unmapped_expense_type: 'Map the expense type to a product, or link/create one.',
  closed_account: 'The account is closed: reopen it or ignore the record.',
  missing_rate: 'ConnectWise gave no rate and the rate card has none: set a rate, then retry.',
  changed_after_charge: 'The record changed after its charge was created: review the pending charge.',
  changed_after_billing: 'The record changed after it was invoiced: issue a credit/adjustment if needed, then ignore.',
  deleted_after_billing: 'The record was deleted in ConnectWise after it was invoiced: credit it if needed, then ignore.',
  invalid_record: 'ConnectWise sent a record we cannot read: check it in Manage, then retry.',
  rejected_by_connectwise: 'ConnectWise refused the request: check permissions, then retry.',
  billing_rejected: 'The billing core refused the record: see the details, then retry.',
};
