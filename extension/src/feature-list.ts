/** The features the options page can switch off, by id (the feature file's name). */
export const FEATURE_LIST = [
  { id: 'ticket-billing-panel', title: 'Ticket panel', description: 'Shows every time entry of a service ticket and how it bills.' },
  {
    id: 'company-billing-panel',
    title: 'Company panel',
    description: 'Shows the billing account behind a company: unbilled work, subscriptions, invoices, contacts.',
  },
  {
    id: 'time-entry-preview',
    title: 'Time entry preview',
    description: 'While a time entry is filled in, shows the rate and amount it will bill and warns about unmapped work types.',
  },
  {
    id: 'invoice-double-billing',
    title: 'Invoice check',
    description: 'On a ConnectWise invoice, flags items that billing also charges, so nothing is billed twice.',
  },
  {
    id: 'agreement-billing-panel',
    title: 'Agreement panel',
    description: 'On a ConnectWise agreement, shows its additions beside what billing invoices the same company.',
  },
] as const;
