import { describe, expect, it } from 'vitest';
import { matchesChildConditions, matchesCustomFieldConditions } from './child-conditions.js';
import { ConditionTypeError, parseConditions } from './conditions.js';

// Contacts shaped like Manage's: communicationItems[] and customFields[] (docs/connectwise/records.md#common-conventions, docs/connectwise/records.md#contacts).
const CONTACTS: Record<string, unknown>[] = [
  {
    id: 1,
    firstName: 'John',
    communicationItems: [
      { id: 11, value: 'john@Outlook.com', communicationType: 'Email', defaultFlag: true },
      { id: 12, value: '555-0100', communicationType: 'Phone', defaultFlag: false },
    ],
    customFields: [
      { id: 1, caption: 'TomNumber', type: 'Text', entryMethod: 'EntryField', value: 'T-42' },
      { id: 2, caption: 'VIP', type: 'Checkbox', entryMethod: 'EntryField', value: true },
    ],
  },
  {
    id: 2,
    firstName: 'Jane',
    communicationItems: [
      { id: 21, value: 'jane@example.com', communicationType: 'Email' },
      // an address in a Phone item: must not pair with the Email item above
      { id: 22, value: 'john@outlook.com', communicationType: 'Phone' },
    ],
    customFields: [
      { id: 1, caption: 'TomNumber', type: 'Text', entryMethod: 'EntryField', value: null },
      { id: 2, caption: 'VIP', type: 'Checkbox', entryMethod: 'EntryField', value: false },
    ],
  },
  { id: 3, firstName: 'Bob', communicationItems: [] },
  { id: 4, firstName: 'Ann', customFields: [{ id: 1, caption: 'TomNumber', type: 'Text', entryMethod: 'EntryField', value: 'T-7' }] },
  {
    id: 5,
    firstName: 'Carl',
    communicationItems: [{ id: 51, value: 'JOHN@OUTLOOK.COM', communicationType: 'email' }],
    customFields: [{ id: 3, caption: 'Budget', type: 'Number', entryMethod: 'EntryField', value: 1200 }],
  },
];

const idsWhere = (match: typeof matchesChildConditions, text: string) => {
  const node = parseConditions(text);
  return CONTACTS.filter((contact) => match(node, contact)).map((contact) => contact.id);
};

const CHILD_CASES: ReadonlyArray<readonly [string, string, readonly number[]]> = [
  [
    "DG's example: both parts must hold for the same item",
    'communicationItems/value like "john@%" AND communicationItems/communicationType="Email"',
    [1, 5],
  ],
  ['one part alone', 'communicationItems/value like "john@%"', [1, 2, 5]],
  ['equality on an item field', 'communicationItems/communicationType = "Phone"', [1, 2]],
  ['not: some item is not an Email', 'not communicationItems/communicationType = "Email"', [1, 2]],
  ['list and field names in any case', 'CommunicationItems/Value = "555-0100"', [1]],
  ['a top-level field beside an item field', 'firstName = "John" and communicationItems/communicationType = "Email"', [1]],
  ['OR across item fields', 'communicationItems/id = 21 or communicationItems/id = 51', [2, 5]],
  ['no match', 'communicationItems/communicationType = "Fax"', []],
];

const CUSTOM_FIELD_CASES: ReadonlyArray<readonly [string, string, readonly number[]]> = [
  ["DG's example", 'caption="TomNumber" AND value != null', [1, 4]],
  ['checkbox custom field', 'caption = "VIP" and value = true', [1]],
  ['number custom field', 'caption = "Budget" and value > 1000', [5]],
  ['caption ignores case', 'caption = "tomnumber"', [1, 2, 4]],
  ['a null value', 'caption = "TomNumber" and value = null', [2]],
  ['like on a text value', 'value like "T-%"', [1, 4]],
  ['entries of another kind are skipped, not an error', 'value > 1000', [5]],
];

describe('childConditions', () => {
  it.each(CHILD_CASES)('%s: %s', (_why, text, expected) => {
    expect(idsWhere(matchesChildConditions, text)).toEqual(expected);
  });

  it('refuses to search two lists at once', () => {
    const node = parseConditions('communicationItems/value = "x" and customFields/value = "y"');
    expect(() => matchesChildConditions(node, CONTACTS[0])).toThrow(ConditionTypeError);
  });
});

describe('customFieldConditions', () => {
  it.each(CUSTOM_FIELD_CASES)('%s: %s', (_why, text, expected) => {
    expect(idsWhere(matchesCustomFieldConditions, text)).toEqual(expected);
  });
});
