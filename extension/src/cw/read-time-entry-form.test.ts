// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { readTimeEntryForm } from './read-time-entry-form.js';

const form = (hours: string, chargeTo = '#1001 - Outlook not syncing') => `
  <div class="pod_timeEntryDetails">
    <input class="cw_ChargeToTextBox" value="${chargeTo}">
    <select class="cw_WorkRole"><option value="1">Help Desk</option><option value="3" selected>Senior Engineer</option></select>
    <select class="cw_WorkType"><option value="2" selected>After Hours</option></select>
    <input class="cw_Hours" value="${hours}">
  </div>`;

describe('readTimeEntryForm', () => {
  it('reads the work role, work type, hours and the ticket it is charged to', () => {
    document.body.innerHTML = form('0.6');
    expect(readTimeEntryForm(document)).toEqual({ ticketId: 1001, workRoleId: 3, workTypeId: 2, hours: '0.6' });
  });

  it('leaves the ticket out when time is charged to a company', () => {
    document.body.innerHTML = form('1.25', 'Contoso Pty Ltd');
    expect(readTimeEntryForm(document)).toEqual({ workRoleId: 3, workTypeId: 2, hours: '1.25' });
  });

  it('waits while the hours are not a number yet', () => {
    for (const hours of ['', '1.', 'abc', '1.234']) {
      document.body.innerHTML = form(hours);
      expect(readTimeEntryForm(document)).toBeNull();
    }
  });
});
