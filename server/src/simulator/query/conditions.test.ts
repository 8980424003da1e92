import { describe, expect, it } from 'vitest';
import { ConditionSyntaxError, ConditionTypeError, matchesConditions, parseConditions } from './conditions.js';

// Twelve service tickets shaped like Manage's: references with ids and names,
// a boolean, numbers, nulls and missing fields, quotes inside strings, and
// `_info.lastUpdated` (no top-level lastUpdated field, as in real payloads).
const ref = (id: number, name: string) => ({ id, name });
const company = (id: number, identifier: string, name: string) => ({
  id,
  identifier,
  name,
  _info: { company_href: `https://x/company/companies/${id}` },
});
const ACME = company(250, 'Acme', 'Acme Corp');
const GLOBEX = company(251, 'Globex', 'Globex Inc');
const INITECH = company(252, 'Initech', 'Initech LLC');
const UMBRELLA = company(253, 'Umbrella', 'Umbrella Health');
const HOOLI = company(254, 'Hooli', 'Hooli');
const NEW = ref(1, 'New');
const IN_PROGRESS = ref(2, 'In Progress');
const WAITING = ref(3, 'Waiting on Client');
const CLOSED = ref(5, 'Closed');
const HELP_DESK = ref(1, 'Help Desk');
const PROJECTS = ref(2, 'Projects');
const NETWORK = ref(3, 'Network Ops');
const info = (lastUpdated: string) => ({ lastUpdated, updatedBy: 'jdoe' });

const TICKETS: Record<string, unknown>[] = [
  {
    id: 1,
    summary: 'Email down',
    closedFlag: false,
    status: NEW,
    board: HELP_DESK,
    company: ACME,
    contact: ref(10, 'Fred Smith'),
    budgetHours: 1.5,
    severity: 'High',
    dateEntered: '2024-01-05T09:00:00Z',
    _info: info('2024-01-05T10:00:00Z'),
  },
  {
    id: 2,
    summary: 'Printer says "PC LOAD LETTER"',
    closedFlag: true,
    status: CLOSED,
    board: HELP_DESK,
    company: ACME,
    contact: ref(11, 'Frederick Jones'),
    budgetHours: 0,
    severity: 'Low',
    dateEntered: '2024-01-10T12:30:00Z',
    _info: info('2024-02-01T08:00:00Z'),
  },
  {
    id: 3,
    summary: "Can't log in",
    closedFlag: false,
    status: IN_PROGRESS,
    board: PROJECTS,
    company: GLOBEX,
    contact: null,
    budgetHours: null,
    severity: 'Medium',
    dateEntered: '2024-02-14T00:00:00Z',
    _info: info('2024-02-14T00:00:00Z'),
  },
  {
    id: 4,
    summary: "O'Brien's laptop is slow",
    closedFlag: false,
    status: NEW,
    board: PROJECTS,
    company: INITECH,
    contact: ref(12, "Bill O'Brien"),
    budgetHours: 2.25,
    severity: 'Medium',
    dateEntered: '2024-03-01T15:45:00Z',
    _info: info('2024-03-02T09:15:00Z'),
  },
  {
    id: 5,
    summary: 'VPN drops every hour',
    closedFlag: true,
    status: CLOSED,
    board: NETWORK,
    company: GLOBEX,
    contact: ref(13, 'Ann Lee'),
    budgetHours: 4,
    severity: 'High',
    dateEntered: '2024-03-15T08:00:00Z',
    _info: info('2024-04-01T00:00:00Z'),
  },
  {
    id: 6,
    summary: 'New hire setup: 50% done',
    closedFlag: false,
    status: WAITING,
    board: HELP_DESK,
    company: UMBRELLA,
    contact: ref(10, 'Fred Smith'),
    budgetHours: 8,
    severity: 'Low',
    dateEntered: '2024-04-02T11:00:00Z',
    _info: info('2024-04-03T11:00:00Z'),
  },
  {
    id: 7,
    summary: 'email DOWN again',
    closedFlag: false,
    status: NEW,
    board: HELP_DESK,
    company: ACME,
    budgetHours: 0.5,
    severity: 'Low',
    dateEntered: '2024-04-20T23:59:59Z',
    _info: info('2024-05-01T12:00:00Z'),
  },
  {
    id: 8,
    summary: 'Backup failed [nightly]',
    closedFlag: true,
    status: CLOSED,
    board: NETWORK,
    company: INITECH,
    contact: ref(14, 'Ann Leeson'),
    budgetHours: 1.5,
    severity: 'Medium',
    dateEntered: '2024-05-05T05:05:05Z',
    _info: info('2024-05-06T00:00:00Z'),
  },
  {
    id: 9,
    summary: 'Install Office',
    closedFlag: false,
    status: IN_PROGRESS,
    board: PROJECTS,
    company: UMBRELLA,
    contact: ref(15, 'Zed Adams'),
    budgetHours: 3,
    severity: null,
    dateEntered: '2024-06-01T00:00:00Z',
    _info: info('2024-06-01T00:00:00Z'),
  },
  {
    id: 10,
    summary: 'Server room too hot',
    closedFlag: false,
    status: WAITING,
    board: NETWORK,
    company: GLOBEX,
    contact: ref(16, 'Fred Smith'),
    budgetHours: 10,
    dateEntered: null,
    _info: info('2024-06-15T18:04:26Z'),
  },
  {
    id: 11,
    summary: 'Password reset',
    closedFlag: true,
    status: CLOSED,
    board: HELP_DESK,
    company: HOOLI,
    contact: ref(17, 'Gavin Belson'),
    budgetHours: 0.25,
    severity: 'Low',
    dateEntered: '2024-07-01T09:30:00Z',
    _info: info('2024-07-01T09:30:00Z'),
  },
  {
    id: 12,
    summary: "Quote for 'new' firewall",
    closedFlag: false,
    status: NEW,
    board: PROJECTS,
    company: HOOLI,
    contact: ref(18, 'Peter Gregory'),
    budgetHours: 5,
    severity: 'Medium',
    dateEntered: '2024-07-20T14:00:00Z',
    _info: info('2024-08-20T18:04:26Z'),
  },
];

const ALL = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

function idsMatching(conditions: string): number[] {
  const node = parseConditions(conditions);
  return TICKETS.filter((ticket) => matchesConditions(node, ticket)).map((ticket) => ticket.id as number);
}

// [what it shows, conditions, ids expected — worked out by hand from the fixture above]
const CASES: ReadonlyArray<readonly [string, string, readonly number[]]> = [
  // strings, quoting, case-insensitivity
  ['number equality', 'id = 3', [3]],
  ['string equality', 'summary = "Email down"', [1]],
  ['string equality ignores case', 'summary = "EMAIL DOWN"', [1]],
  ['single-quoted string, field name in another case', "Summary = 'Install Office'", [9]],
  ['escaped double quotes inside double quotes', String.raw`summary = "Printer says \"PC LOAD LETTER\""`, [2]],
  ['escaped single quotes inside single quotes', String.raw`summary = 'O\'Brien\'s laptop is slow'`, [4]],
  ['single quotes inside double quotes', `summary = "O'Brien's laptop is slow"`, [4]],
  ['single quotes inside double quotes (2)', `summary = "Quote for 'new' firewall"`, [12]],
  ['not equal', 'summary != "Email down"', [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]],
  ['equality on another field ignores case', 'severity = "high"', [1, 5]],
  ['not equal leaves out null and missing values', 'severity != "Low"', [1, 3, 4, 5, 8, 12]],
  // null and missing
  ['= null matches null and missing', 'severity = null', [9, 10]],
  ['!= null matches values', 'severity != null', [1, 2, 3, 4, 5, 6, 7, 8, 11, 12]],
  ['null reference', 'contact = null', [3, 7]],
  ['reference is set', 'contact != null', [1, 2, 4, 5, 6, 8, 9, 10, 11, 12]],
  ['path through a null reference is null', 'contact/name = null', [3, 7]],
  ['path through references is not null', 'contact/name != null', [1, 2, 4, 5, 6, 8, 9, 10, 11, 12]],
  ['unknown field is null', 'nonexistentField = null', ALL],
  ['unknown field never equals a value', 'nonexistentField = "x"', []],
  ['ordering against null is never true', 'budgetHours < null', []],
  // numbers
  ['greater than', 'budgetHours > 2', [4, 5, 6, 9, 10, 12]],
  ['greater or equal, decimal', 'budgetHours >= 1.5', [1, 4, 5, 6, 8, 9, 10, 12]],
  ['less than', 'budgetHours < 1', [2, 7, 11]],
  ['less or equal', 'budgetHours <= 0', [2]],
  ['trailing zero decimal', 'budgetHours = 1.50', [1, 8]],
  ['negative number', 'budgetHours > -1', [1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12]],
  ['leading decimal point', 'budgetHours = .25', [11]],
  ['number not equal skips null', 'budgetHours != 0', [1, 4, 5, 6, 7, 8, 9, 10, 11, 12]],
  ['no spaces around operator', 'id>=11', [11, 12]],
  ['surrounding whitespace', '   id=5   ', [5]],
  // booleans
  ['boolean true', 'closedFlag = true', [2, 5, 8, 11]],
  ['boolean keyword and field in other cases', 'ClosedFlag = False', [1, 3, 4, 6, 7, 9, 10, 12]],
  ['boolean not equal', 'closedFlag != TRUE', [1, 3, 4, 6, 7, 9, 10, 12]],
  // nested paths
  ['nested id', 'company/id = 251', [3, 5, 10]],
  ['nested path in upper case, value in lower case', 'COMPANY/IDENTIFIER = "acme"', [1, 2, 7]],
  ['nested name', 'board/name = "Network Ops"', [5, 8, 10]],
  // in / not in
  ['in with numbers', 'status/id in (1, 3)', [1, 4, 6, 7, 10, 12]],
  ['in with strings', 'status/name in ("Closed","Resolved")', [2, 5, 8, 11]],
  ['not in with strings', 'status/name not in ("Closed","Resolved")', [1, 3, 4, 6, 7, 9, 10, 12]],
  ['in on ids', 'id in (1,2,3)', [1, 2, 3]],
  ['not in on ids', 'id not in (1, 2, 3)', [4, 5, 6, 7, 8, 9, 10, 11, 12]],
  ['in with null in the list', 'severity in ("Low", null)', [2, 6, 7, 9, 10, 11]],
  ['not in skips nulls', 'severity not in ("Low", "High")', [3, 4, 8, 12]],
  ['IN keyword upper case, single quotes, mixed case values', "company/identifier IN ('globex', 'HOOLI')", [3, 5, 10, 11, 12]],
  // like
  ['like with % ignores case', 'summary like "email%"', [1, 7]],
  ['like with * on both sides', 'summary like "*down*"', [1, 7]],
  ['like on a nested path', 'contact/name like "Fred%"', [1, 2, 6, 10]],
  ['like with a space before the wildcard', 'contact/name like "Fred %"', [1, 6, 10]],
  ['not like skips nulls', 'contact/name not like "Fred%"', [4, 5, 8, 9, 11, 12]],
  ['like _ matches one character', 'contact/name like "Ann Le_"', [5]],
  ['like [[] matches a literal bracket', 'summary like "Backup failed [[]nightly]"', [8]],
  ['like [%] matches a literal percent', 'summary like "%50[%]%"', [6]],
  ['like with a character class', 'severity like "[HM]%"', [1, 3, 4, 5, 8, 12]],
  // contains
  ['contains ignores case', 'summary contains "down"', [1, 7]],
  ['not contains', 'summary not contains "o"', [8]],
  ['contains treats % literally', 'summary contains "50%"', [6]],
  ['contains a double quote inside single quotes', `summary contains '"PC LOAD'`, [2]],
  ['contains square brackets inside a string', 'summary contains "[nightly]"', [8]],
  // datetimes
  ['after an instant', 'dateEntered > [2024-06-01T00:00:00Z]', [11, 12]],
  ['at or after an instant', 'dateEntered >= [2024-06-01T00:00:00Z]', [9, 11, 12]],
  ['before an instant', 'dateEntered < [2024-02-14T00:00:00Z]', [1, 2]],
  ['same instant', 'dateEntered = [2024-02-14T00:00:00Z]', [3]],
  ['date only means midnight UTC', 'dateEntered = [2024-02-14]', [3]],
  ['offsets compare as instants', 'dateEntered = [2024-02-14T01:00:00+01:00]', [3]],
  ['null datetime', 'dateEntered = null', [10]],
  ['a one-second window', 'dateEntered > [2024-04-20T23:59:58Z] and dateEntered < [2024-04-21T00:00:00Z]', [7]],
  // lastUpdated from _info
  ['lastUpdated reads _info.lastUpdated', 'lastUpdated > [2024-05-01T00:00:00Z]', [7, 8, 9, 10, 11, 12]],
  ['lastUpdated equality', 'LastUpdated = [2024-08-20T18:04:26Z]', [12]],
  ['explicit _info path', '_info/lastUpdated < [2024-02-01T08:00:00Z]', [1]],
  ['lastUpdated in lower case', 'lastupdated <= [2024-02-01T08:00:00Z]', [1, 2]],
  // precedence, parentheses, not
  ['AND binds tighter than OR', 'closedFlag = true or company/id = 250 and severity = "Low"', [2, 5, 7, 8, 11]],
  ['parentheses override precedence', '(closedFlag = true or company/id = 250) and severity = "Low"', [2, 7, 11]],
  ['AND first, OR last', 'company/id = 250 and severity = "Low" or closedFlag = true', [2, 5, 7, 8, 11]],
  ['OR inside parentheses, unknown stays out', 'company/id = 251 AND (severity = "High" OR budgetHours >= 10)', [5, 10]],
  ['not on a comparison', 'not closedFlag = true', [1, 3, 4, 6, 7, 9, 10, 12]],
  ['not on a group', 'NOT (company/id = 250 or company/id = 251)', [4, 6, 8, 9, 11, 12]],
  ['not of unknown stays unknown', 'not severity = "Low"', [1, 3, 4, 5, 8, 12]],
  ['two negated groups', 'not (closedFlag = true) and not (board/id = 2)', [1, 6, 7, 10]],
  [
    "connectwise-rest's README example",
    '(contact/name like "Fred%" and closedFlag = false) and dateEntered > [2024-01-01T00:00:00Z] or summary contains "reset" AND  summary != "Some Summary"',
    [1, 6, 11],
  ],
  ['redundant parentheses', '((id = 1))', [1]],
  ['chain of ORs with a trailing AND', 'id = 1 or id = 2 or id = 3 and closedFlag = true', [1, 2]],
  ['AND with a parenthesised OR', 'severity = "Low" and (budgetHours < 1 or summary like "%hire%")', [2, 6, 7, 11]],
  ['keywords in any case', 'closedflag = TRUE AnD severity LIKE "low"', [2, 11]],
  ['In and oR in mixed case', 'board/name In ("help desk") oR id = 12', [1, 2, 6, 7, 11, 12]],
];

describe('conditions', () => {
  it.each(CASES)('%s: %s', (_why, conditions, expected) => {
    expect(idsMatching(conditions)).toEqual(expected);
  });

  it('has at least sixty cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60);
  });

  it('reuses the parse of a condition it has seen', () => {
    expect(parseConditions('id = 1 and closedFlag = false')).toBe(parseConditions('id = 1 and closedFlag = false'));
  });
});

const GUIDANCE =
  'String values should be enclosed with double or single quotes; DateTime values should be enclosed in square brackets; ' +
  'numbers should consist of only digits, and optionally a decimal point and a negation sign; boolean values should be ' +
  'indicated with the keywords true or false; null values should be indicated by the keyword null.';

const SYNTAX_ERRORS: ReadonlyArray<readonly [string, string]> = [
  ['empty', ''],
  ['only spaces', '   '],
  ['unquoted string', 'summary = Open'],
  ['unterminated string', 'summary = "Email down'],
  ['missing value', 'id = '],
  ['unclosed parenthesis', '(id = 1'],
  ['stray closing parenthesis', 'id = 1)'],
  ['dangling AND', 'id = 1 and'],
  ['double equals', 'id == 1'],
  ['SQL not-equal', 'id <> 5'],
  ['bad datetime', 'dateEntered > [not a date]'],
  ['unterminated datetime', 'dateEntered > [2024-01-01'],
  ['empty in list', 'id in ()'],
  ['in without parentheses', 'id in 1, 2'],
  ['malformed number', 'budgetHours = 1.2.3'],
  ['number glued to letters', 'id = 5abc'],
  ['missing field', '= 5'],
  ['two comparisons without AND/OR', 'id = 5 id = 6'],
  ['incomplete path', 'company/ = 5'],
  ['unknown operator character', 'summary = "a" && id = 1'],
  ['like needs a string', 'summary like 5'],
  ['reversed range in a like class', 'summary like "[z-a]%"'],
  ['missing operator', 'summary "Email down"'],
];

describe('malformed conditions', () => {
  it.each(SYNTAX_ERRORS)('%s: %s', (_why, conditions) => {
    expect(() => parseConditions(conditions)).toThrow(ConditionSyntaxError);
  });

  it('explains literal syntax the way Manage does for an unquoted string', () => {
    expect(() => parseConditions('summary = Open')).toThrow(GUIDANCE);
  });
});

// [why, conditions, exact message] — the first is Manage's own text (connectwise-rest README).
const TYPE_ERRORS: ReadonlyArray<readonly [string, string, string]> = [
  ['number for a boolean', 'closedFlag = 1', `Expected a boolean value, not a numeric. ${GUIDANCE}`],
  ['string for a boolean', 'closedFlag = "true"', `Expected a boolean value, not a string. ${GUIDANCE}`],
  ['number for a string', 'summary = 5', `Expected a string value, not a numeric. ${GUIDANCE}`],
  ['string for a number', 'id = "3"', `Expected a numeric value, not a string. ${GUIDANCE}`],
  ['string for a datetime', 'dateEntered > "2024-01-01"', `Expected a datetime value, not a string. ${GUIDANCE}`],
  ['datetime for a number', 'budgetHours = [2024-01-01T00:00:00Z]', `Expected a numeric value, not a datetime. ${GUIDANCE}`],
  ['boolean in an in-list of strings', 'severity in ("Low", true)', `Expected a string value, not a boolean. ${GUIDANCE}`],
  ['like on a number field', 'budgetHours like "1%"', `Expected a numeric value, not a string. ${GUIDANCE}`],
  ['a reference compared whole', 'company = 250', "The field 'company' is an object; compare one of its fields, e.g. company/id."],
];

describe('literals of the wrong kind', () => {
  it.each(TYPE_ERRORS)('%s: %s', (_why, conditions, message) => {
    const node = parseConditions(conditions);
    const evaluateAll = () => {
      for (const ticket of TICKETS) matchesConditions(node, ticket);
    };
    expect(evaluateAll).toThrow(ConditionTypeError);
    expect(evaluateAll).toThrow(message);
  });

  it('a list is refused with a pointer to childConditions', () => {
    const node = parseConditions('communicationItems/value = "x"');
    expect(() => matchesConditions(node, { id: 1, communicationItems: [{ value: 'x' }] })).toThrow(/childConditions/);
  });
});
