// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { agreementIdOf, companyIdOf, invoiceIdOf, isTicketScreen, isTimeSheetScreen, ticketIdOf } from './page-detect.js';

/** Example screens, in the markup real Manage pages carry (docs/connectwise/screens.md). */
const SCREENS = {
  classicTicket: {
    url: 'https://na.myconnectwise.net/v4_6_release/services/system_io/Service/fv_sr100_request.rails?service_recid=1001',
    html: '<div id="cwContent"><div class="cw_BannerView"><div class="cw_CwLabel detailLabel">Service Ticket #1001 - Printer offline</div></div><div class="pod_ticketHeader"></div></div>',
    ticketId: 1001,
  },
  spaTicketBannerOnly: {
    url: 'https://eu.myconnectwise.net/v2025_1/ConnectWise.aspx??routeTo=ServiceFV',
    html: '<div id="cwContent"><span class="gwt-Label">Service Ticket #77 - VPN down</span></div>',
    ticketId: 77,
  },
  detailAspxParam: {
    url: 'https://cw.example.com/v4_6_release/Service/Tickets/Detail.aspx?SRRecID=4321',
    html: '<div id="cwContent"></div>',
    ticketId: 4321,
  },
  timeSheet: {
    url: 'https://na.myconnectwise.net/v4_6_release/ConnectWise.aspx??routeTo=TimeSheet&recid=12',
    html: '<div id="cwContent"><div class="mytimesheetlist"></div><span class="gwt-Label">Service Ticket #5 - in a list</span></div>',
    ticketId: null,
  },
  company: {
    url: 'https://na.myconnectwise.net/v4_6_release/services/system_io/router/openrecord.rails?locale=en_US&recordType=CompanyFV&recid=250',
    html: '<div id="cwContent"><div class="detailLabel">Contoso Pty Ltd</div><input class="cw_company"></div>',
    ticketId: null,
    companyId: 250,
  },
  spaCompany: {
    url: 'https://na.myconnectwise.net/v4_6_release/ConnectWise.aspx??CompanyDetail&recid=251',
    html: '<div id="cwContent"><div class="detailLabel">Northwind</div><input class="cw_company"></div>',
    ticketId: null,
    companyId: 251,
  },
  invoice: {
    url: 'https://na.myconnectwise.net/v4_6_release/services/system_io/router/openrecord.rails?locale=en_US&recordType=InvoiceFV&recid=77',
    html: '<div id="cwContent"><div class="cw_BannerView"><div class="detailLabel">Invoice 10021</div></div><input class="cw_company"></div>',
    ticketId: null,
    companyId: null,
    invoiceId: 77,
  },
  agreement: {
    url: 'https://na.myconnectwise.net/v4_6_release/services/system_io/router/openrecord.rails?locale=en_US&recordType=AgreementFV&recid=3',
    html: '<div id="cwContent"><div class="cw_BannerView"><div class="detailLabel">Agreement: Managed Services</div></div><input class="cw_company"></div>',
    ticketId: null,
    companyId: null,
    agreementId: 3,
  },
} as const;

function load(html: string): Document {
  document.body.innerHTML = html;
  document.title = '';
  return document;
}

describe('page detection', () => {
  for (const [name, screen] of Object.entries(SCREENS)) {
    it(`${name}: ${screen.ticketId === null ? 'is not' : 'is'} a ticket screen`, () => {
      const doc = load(screen.html);
      expect(ticketIdOf(new URL(screen.url), doc)).toBe(screen.ticketId);
      expect(isTicketScreen(new URL(screen.url), doc)).toBe(screen.ticketId !== null);
    });
  }

  for (const [name, screen] of Object.entries(SCREENS)) {
    const expected = 'companyId' in screen ? screen.companyId : null;
    it(`${name}: company id ${expected}`, () => {
      expect(companyIdOf(new URL(screen.url), load(screen.html))).toBe(expected);
    });
  }

  for (const [name, screen] of Object.entries(SCREENS)) {
    const expected = 'invoiceId' in screen ? screen.invoiceId : null;
    it(`${name}: invoice id ${expected}`, () => {
      expect(invoiceIdOf(new URL(screen.url), load(screen.html))).toBe(expected);
    });
  }

  for (const [name, screen] of Object.entries(SCREENS)) {
    const expected = 'agreementId' in screen ? screen.agreementId : null;
    it(`${name}: agreement id ${expected}`, () => {
      expect(agreementIdOf(new URL(screen.url), load(screen.html))).toBe(expected);
    });
  }

  it('recognises the time sheet, which is never a ticket', () => {
    expect(isTimeSheetScreen(load(SCREENS.timeSheet.html))).toBe(true);
    expect(isTimeSheetScreen(load(SCREENS.classicTicket.html))).toBe(false);
  });

  it('falls back to the document title on a ticket address without a banner', () => {
    const doc = load('<div class="pod_ticketHeader"></div>');
    doc.title = '#2024 - Email bouncing | ConnectWise Manage';
    expect(ticketIdOf(new URL('https://na.myconnectwise.net/v4_6_release/ConnectWise.aspx??ServiceTicket'), doc)).toBe(2024);
  });
});
