import { companiesStream } from './companies.js';
import { contactsStream } from './contacts.js';
import { timeEntriesStream } from './time-entries.js';
import { productsStream } from './products.js';
import { expensesStream } from './expenses.js';
import type { StreamDef, StreamName } from '../stream-def.js';

/** In dependency order: accounts before what hangs off them. */
export const STREAMS: readonly StreamDef<{ id: number }, unknown>[] = [
  companiesStream,
  contactsStream,
  timeEntriesStream,
  productsStream,
  expensesStream,
] as never;

export function streamNamed(name: StreamName): StreamDef<{ id: number }, unknown> {
  return STREAMS.find((s) => s.name === name)!;
}

/**
 * The stream a callback type (docs/connectwise/callbacks.md) feeds. Not `productcatalog`: it announces catalog
 * items, whose ids are not those of the product sales (`/procurement/products`) we bill.
 */
export const STREAM_FOR_CALLBACK_TYPE: Record<string, StreamName> = {
  company: 'companies',
  contact: 'contacts',
  time: 'time_entries',
  expense: 'expenses',
};
