import { describe, expect, it } from 'vitest';
import { demoSimulator, TEST_CREDENTIALS } from '../testing/manage-request.js';
import type { Simulator } from '../app.js';
import { parseShellRoute } from '../host-pages/spa-shell.js';

function registerSetup(sim: Simulator, fields: Record<string, unknown>) {
  return sim.store.insert('hostedSetups', { disabledFlag: false, locationIds: [], ...fields }, 'admin');
}

async function html(sim: Simulator, path: string): Promise<{ status: number; text: string }> {
  const response = await sim.app.request(`http://localhost${path}`);
  return { status: response.status, text: await response.text() };
}

function hostContext(text: string): { screen: string; recordId: number; member: Record<string, string> } {
  return JSON.parse(/<script type="application\/json" id="cw-host-context">(.*?)<\/script>/s.exec(text)![1]);
}

describe('company screen', () => {
  it('carries Manage\u2019s markers and the pods and tabs registered for screen 1, tokens substituted and sized by podHeight', async () => {
    const sim = demoSimulator();
    registerSetup(sim, {
      screenId: 1,
      description: 'Billing',
      url: 'https://pod.example/?id=[cw_id]&screen=[cw_screen]',
      type: 'Pod',
      origin: 'https://pod.example',
      podHeight: 222,
    });
    registerSetup(sim, {
      screenId: 1,
      description: 'Invoices',
      url: 'https://pod.example/tab/[cw_id]',
      type: 'Tab',
      origin: 'https://pod.example',
    });
    registerSetup(sim, { screenId: 4, description: 'Ticket only', url: 'https://pod.example/t', type: 'Pod' });
    registerSetup(sim, { screenId: 1, description: 'Switched off', url: 'https://pod.example/off', type: 'Pod', disabledFlag: true });
    const company = sim.store.all('companies')[0];
    const { status, text } = await html(
      sim,
      `/v4_6_release/services/system_io/router/openrecord.rails?locale=en_US&recordType=CompanyFV&recid=${company.id}&companyName=demo`,
    );
    expect(status).toBe(200);
    expect(text).toContain(`<div class="cw_CwLabel gwt-Label detailLabel" data-testid="company-banner">${company.name}</div>`);
    expect(text).toContain(`<input class="cw_company" readonly value="${company.name}">`);
    expect(text).toContain(`src="https://pod.example/?id=${company.id}&amp;screen=company" style="height:222px"`);
    expect(text).toContain(`data-hosted-as="tab" title="Invoices" src="https://pod.example/tab/${company.id}"`);
    expect(text).toContain('data-cw-tab="hosted-');
    expect(text).not.toContain('Ticket only');
    expect(text).not.toContain('Switched off');
    expect(hostContext(text)).toMatchObject({ screen: 'company', recordId: company.id });
  });

  it('answers an unknown company with 404', async () => {
    expect(
      (await html(demoSimulator(), '/v4_6_release/services/system_io/router/openrecord.rails?recordType=CompanyFV&recid=999999')).status,
    ).toBe(404);
  });
});

describe('ticket screen', () => {
  it('keeps its banner, pods and tabs for screen 4', async () => {
    const sim = demoSimulator();
    registerSetup(sim, {
      screenId: 4,
      description: 'Billing',
      url: 'https://pod.example/?id=[cw_id]&screen=[cw_screen]',
      type: 'Pod',
      origin: 'https://pod.example',
      podHeight: 460,
    });
    registerSetup(sim, {
      screenId: 4,
      description: 'Timeline',
      url: 'https://pod.example/tab?screen=[cw_screen]',
      type: 'Tab',
      origin: 'https://pod.example',
    });
    const { text } = await html(sim, '/v4_6_release/services/system_io/Service/fv_sr100_request.rails?service_recid=1001');
    expect(text).toMatch(/data-testid="ticket-banner">Service Ticket #1001 - /);
    expect(text).toContain('src="https://pod.example/?id=1001&amp;screen=ticket" style="height:460px"');
    expect(text).toContain('src="https://pod.example/tab?screen=ticket"');
    expect(text).toContain('class="pod_ticketHeader"');
    expect(text).toMatch(/<title>#1001 - .* \| ConnectWise Manage<\/title>/);
  });

  it('hands pods a member hash that /system/myMembers/info accepts, and rejects once tampered with', async () => {
    const sim = demoSimulator();
    const { member } = hostContext((await html(sim, '/v4_6_release/Service/Tickets/Detail.aspx?service_recid=1001&member=jsmith')).text);
    expect(member).toMatchObject({ companyid: TEST_CREDENTIALS.companyId, memberid: 'jsmith', memberContext: 'web' });
    const info = (hash: string, form: 'basic' | 'cookie') =>
      sim.app.request('http://localhost/v4_6_release/apis/3.0/system/myMembers/info', {
        headers:
          form === 'basic'
            ? {
                clientId: 'pod',
                authorization: `Basic ${Buffer.from(`${member.companyid}+${member.memberid}:${hash}`).toString('base64')}`,
              }
            : {
                clientId: 'pod',
                cookie: `companyName=${member.companyid}; memberId=${member.memberid}; memberHash=${encodeURIComponent(hash)}; memberContext=${member.memberContext}`,
              },
      });
    for (const form of ['basic', 'cookie'] as const) {
      const accepted = await info(member.memberHash, form);
      expect(accepted.status).toBe(200);
      expect(await accepted.json()).toMatchObject({ identifier: 'jsmith' });
      const tampered = member.memberHash.slice(0, -1) + (member.memberHash.endsWith('A') ? 'B' : 'A');
      expect((await info(tampered, form)).status).toBe(401);
    }
  });
});

describe('time entry screen', () => {
  it('carries .pod_timeEntryDetails and input.cw_ChargeToTextBox naming the ticket', async () => {
    const sim = demoSimulator();
    const entry = sim.store.all('timeEntries').find((e) => e.chargeToId === 1001)!;
    const { status, text } = await html(
      sim,
      `/v4_6_release/services/system_io/router/openrecord.rails?recordType=TimeEntryFV&recid=${entry.id}`,
    );
    expect(status).toBe(200);
    expect(text).toContain('<div class="pod_timeEntryDetails">');
    expect(text).toMatch(/<input id="cw-time-ChargeToTextBox" class="cw_ChargeToTextBox" readonly value="#1001 - /);
    expect(text).toContain('cw_ToolbarButton_TimeStamp');
  });
});

describe('ConnectWise.aspx shell', () => {
  it('reads Manage-style routes', () => {
    expect(parseShellRoute('??ServiceTicket&recid=1001')).toEqual({ screen: 'ticket', id: 1001 });
    expect(parseShellRoute('?companydetail&RecID=250')).toEqual({ screen: 'company', id: 250 });
    expect(parseShellRoute('??TimeEntry&recid=7')).toEqual({ screen: 'timeEntry', id: 7 });
    expect(parseShellRoute('??Nowhere&recid=1')).toBeNull();
  });

  it('renders the routed record inside #cwContent with the router', async () => {
    const { status, text } = await html(demoSimulator(), '/v4_6_release/ConnectWise.aspx??ServiceTicket&recid=1002');
    expect(status).toBe(200);
    expect(text).toMatch(/<div id="cwContent" class="cw-WorkspaceView">[\s\S]*Service Ticket #1002 - /);
    expect(text).toContain('id="cw-shell"');
    expect(text).toContain('history.pushState');
  });

  it('serves screen content for in-app navigation', async () => {
    const sim = demoSimulator();
    const company = sim.store.all('companies')[0];
    const response = await sim.app.request(`http://localhost/simulator/screens/company/${company.id}?member=admin`);
    const body = (await response.json()) as { title: string; content: string };
    expect(body.title).toBe(`${company.name} | ConnectWise Manage`);
    expect(body.content).toContain('id="cw-host-context"');
    expect((await sim.app.request('http://localhost/simulator/screens/ticket/999999')).status).toBe(404);
  });
});
