import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Frame, Page } from 'playwright-core';
import { startSimulator, type RunningSimulator } from '../../server/src/simulator/server.js';
import { demoDataset } from '../../server/src/simulator/data/demo.js';
import { launchBrowser } from './browser.js';

/**
 * The simulator's Manage screens in real Chromium, with a minimal pod on
 * another origin speaking the Hosted API: company screen pods and ticket
 * tabs from /system/connectwisehostedsetups, [cw_id]/[cw_screen]
 * substitution, podHeight sizing, and Manage's single-page navigation
 * between records inside #cwContent (pushState, no page load, markers a
 * moment later, Back via popstate).
 */
const POD_PAGE = `<!doctype html><html><body><p>test pod</p><script>
  var received = window.__received = [];
  var frameId = null;
  var parentOrigin = null;
  // Set by the test: how to answer beforeSave, e.g. { result: 'failure', errors: ['...'] }.
  window.__beforeSave = null;
  window.__send = function (message) {
    message.frameID = frameId;
    parent.postMessage(JSON.stringify(message), parentOrigin);
  };
  window.addEventListener('message', function (e) {
    var m = JSON.parse(e.data);
    received.push(m);
    parentOrigin = e.origin;
    if (m.MessageFrameID) {
      frameId = m.MessageFrameID;
      window.__send({ hosted_request: 'getMemberAuthentication' });
    }
    if (m.event) {
      var answer = m.event === 'beforeSave' && window.__beforeSave ? window.__beforeSave : { result: 'success' };
      window.__send({ event: m.event, _id: m._id, result: answer.result, errors: answer.errors });
    }
  });
  parent.postMessage(JSON.stringify({ message: 'ready' }), '*');
</script></body></html>`;

let sim: RunningSimulator;
let podServer: Server;
let podOrigin: string;
let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  sim = await startSimulator({
    port: 0,
    credentials: { companyId: 'demo', publicKey: 'demo-public', privateKey: 'demo-private' },
    dataset: demoDataset(),
  });
  podServer = createServer((_req, res) => {
    res.setHeader('content-type', 'text/html');
    res.end(POD_PAGE);
  });
  await new Promise<void>((resolve) => podServer.listen(0, '127.0.0.1', resolve));
  podOrigin = `http://127.0.0.1:${(podServer.address() as AddressInfo).port}`;
  const setup = (fields: Record<string, unknown>) =>
    sim.store.insert('hostedSetups', { origin: podOrigin, disabledFlag: false, ...fields }, 'admin');
  setup({ screenId: 1, description: 'Company pod', url: `${podOrigin}/pod?id=[cw_id]&screen=[cw_screen]`, type: 'Pod', podHeight: 222 });
  setup({ screenId: 4, description: 'Ticket tab', url: `${podOrigin}/tab?id=[cw_id]&screen=[cw_screen]`, type: 'Tab' });
  browser = await launchBrowser({ withExtension: false });
});

afterAll(async () => {
  await browser?.close();
  await sim?.close();
  podServer?.closeAllConnections();
  await new Promise((resolve) => podServer?.close(resolve));
});

async function podFrame(page: Page, pathPrefix: string): Promise<Frame> {
  for (let i = 0; i < 100; i++) {
    const frame = page.frames().find((f) => f.url().startsWith(`${podOrigin}${pathPrefix}`));
    if (frame) return frame;
    await page.waitForTimeout(100);
  }
  throw new Error(`no frame ${pathPrefix}`);
}

async function receivedBy(frame: Frame, predicate: string): Promise<Array<Record<string, unknown>>> {
  await frame.waitForFunction(`window.__received && window.__received.some(${predicate})`, undefined, { timeout: 10_000 });
  return (await frame.evaluate('window.__received')) as Array<Record<string, unknown>>;
}

describe('Manage screens and single-page navigation', () => {
  it('hosts pods and tabs, and moves between records without a page load', async () => {
    // Ticket 1001's company: the ticket has time entries to navigate to.
    const company = sim.store.get('companies', (sim.store.get('tickets', 1001)!.company as { id: number }).id)!;
    const page = await browser.context.newPage();
    await page.goto(`${sim.pageUrl}/v4_6_release/ConnectWise.aspx??CompanyDetail&recid=${company.id}&navDelayMs=400`);
    await expect(page.locator('.detailLabel').textContent()).resolves.toBe(company.name);

    // The company pod: tokens substituted, sized by podHeight, handshake done.
    const pod = await podFrame(page, '/pod');
    expect(pod.url()).toBe(`${podOrigin}/pod?id=${company.id}&screen=company`);
    expect(await page.locator('iframe[data-hosted-as="pod"]').evaluate((el) => el.getBoundingClientRect().height)).toBe(222);
    const podMessages = await receivedBy(pod, `function (m) { return m.event === 'onLoad'; }`);
    expect(podMessages[0]).toEqual({ MessageFrameID: expect.any(String) });
    const auth = podMessages.find((m) => m.response === 'getmemberauthentication')!.data as Record<string, string>;
    expect(auth).toMatchObject({ companyid: 'demo', memberid: 'admin', memberContext: 'web' });
    expect(podMessages.find((m) => m.event === 'onLoad')).toMatchObject({
      data: { screenObject: { screen: 'company', id: company.id, hostedAs: 'pod' } },
    });

    // The hash the pod got signs in to the API; tampered, it does not.
    const info = (hash: string) =>
      fetch(`${sim.apiUrl}/v4_6_release/apis/3.0/system/myMembers/info`, {
        headers: { clientId: 'e2e', authorization: `Basic ${Buffer.from(`demo+${auth.memberid}:${hash}`).toString('base64')}` },
      });
    expect((await info(auth.memberHash)).status).toBe(200);
    // Another first character, whatever the hash starts with (it is random per simulator).
    const tampered = (auth.memberHash.startsWith('x') ? 'y' : 'x') + auth.memberHash.slice(1);
    expect(tampered).not.toBe(auth.memberHash);
    expect((await info(tampered)).status).toBe(401);

    // beforeSave: a pod's failure blocks the save and shows its messages; success saves and clears dirty.
    await pod.evaluate(
      () => ((window as unknown as { __beforeSave: unknown }).__beforeSave = { result: 'failure', errors: ['Pod says no'] }),
    );
    await pod.evaluate(() =>
      (window as unknown as { __send: (m: unknown) => void }).__send({ hosted_request: 'setDirty', args: { dirty: true } }),
    );
    await page.waitForFunction(() => document.body.classList.contains('cw-dirty'));
    await page.locator('[data-cw-action="save"]').click();
    await page.locator('#cw-messages li').waitFor();
    expect(await page.locator('#cw-messages li').allTextContents()).toEqual(['Pod says no']);
    expect(await page.locator('body').getAttribute('data-save-state')).toBe('blocked');
    await pod.evaluate(() => ((window as unknown as { __beforeSave: unknown }).__beforeSave = null));
    await page.locator('[data-cw-action="save"]').click();
    await page.waitForFunction(() => document.body.getAttribute('data-save-state') === 'saved');
    expect(await page.evaluate(() => document.body.classList.contains('cw-dirty'))).toBe(false);

    // In-app navigation to a ticket: same document, pushState, markers a moment later.
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    const ticketId = 1001;
    await page.locator(`.pod_companyTickets a[data-cw-nav="ticket"][data-cw-nav-id="${ticketId}"]`).click();
    await expect(page.locator('#cwContent .cw-loading').count()).resolves.toBe(1);
    await page.locator('[data-testid="ticket-banner"]').waitFor();
    expect(await page.locator('[data-testid="ticket-banner"]').textContent()).toMatch(new RegExp(`^Service Ticket #${ticketId} - `));
    expect(page.url()).toBe(`${sim.pageUrl}/v4_6_release/ConnectWise.aspx??ServiceTicket&recid=${ticketId}`);
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    expect(await page.title()).toMatch(new RegExp(`^#${ticketId} - .* \\| ConnectWise Manage$`));

    // The ticket's tab: a full-width frame, shown when its tab is selected, told it is hosted as a tab.
    await page.locator('[data-cw-tab^="hosted-"]').click();
    const tab = await podFrame(page, '/tab');
    expect(tab.url()).toBe(`${podOrigin}/tab?id=${ticketId}&screen=ticket`);
    const tabMessages = await receivedBy(tab, `function (m) { return m.event === 'onLoad'; }`);
    expect(tabMessages.find((m) => m.event === 'onLoad')).toMatchObject({
      data: { screenObject: { screen: 'ticket', id: ticketId, hostedAs: 'tab' } },
    });
    await page.locator('[data-cw-tab="details"]').click();

    // On to a time entry: the Charge To field appears after navigation.
    await page.locator('.pod_ticketTimeEntries a[data-cw-nav="timeEntry"]').first().click();
    await page.locator('.pod_timeEntryDetails input.cw_ChargeToTextBox').waitFor();
    expect(await page.locator('input.cw_ChargeToTextBox').inputValue()).toMatch(new RegExp(`^#${ticketId} - `));

    // Back twice (popstate) shows the ticket, then the company, still without a page load.
    await page.goBack();
    await page.locator('[data-testid="ticket-banner"]').waitFor();
    await page.goBack();
    await page.locator('[data-testid="company-banner"]').waitFor();
    expect(page.url()).toContain(`??CompanyDetail&recid=${company.id}`);
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);

    // openScreen from the (new) company pod moves the shell to another ticket in place.
    const podAgain = await podFrame(page, '/pod');
    await receivedBy(podAgain, `function (m) { return m.event === 'onLoad'; }`);
    await podAgain.evaluate(() =>
      (window as unknown as { __send: (m: unknown) => void }).__send({
        hosted_request: 'openScreen',
        args: { newTab: false, screen: 'ticket', id: 1002 },
      }),
    );
    await page.waitForFunction(() =>
      /^Service Ticket #1002 - /.test(document.querySelector('[data-testid="ticket-banner"]')?.textContent ?? ''),
    );
    expect(page.url()).toBe(`${sim.pageUrl}/v4_6_release/ConnectWise.aspx??ServiceTicket&recid=1002`);
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    await page.close();
  });
});
