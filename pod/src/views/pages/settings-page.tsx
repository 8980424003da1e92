import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../../../../shared/api-client.js';
import type { ConnectionView, SyncOptions } from '../../../../shared/schemas/module-pages.js';
import { StateMessage } from '../state-message.js';
import { describeApiError } from '../describe-api-error.js';
import { MemberPowers } from './member-powers.js';

const BILLABLE_OPTIONS = ['Billable', 'DoNotBill', 'NoCharge', 'NoDefault'];
const STATUSES = ['Open', 'PendingApproval', 'ApprovedByTierOne', 'ApprovedByTierTwo', 'ReadyToBill', 'Billed', 'WrittenOff'];

/** Connection (the private key is write-only and stored encrypted), directions, schedule and options. */
export function SettingsPage(props: { api: ApiClient }) {
  const [connection, setConnection] = useState<ConnectionView | null>(null);
  const [privateKey, setPrivateKey] = useState('');
  const [options, setOptions] = useState<SyncOptions | null>(null);
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');

  useEffect(() => {
    Promise.all([props.api.connection(), props.api.syncOptions()])
      .then(([c, o]) => {
        setConnection(c);
        setOptions(o);
      })
      .catch((e: unknown) => setError(describeApiError(e)));
  }, []);
  if (error) return <StateMessage kind="error">{error}</StateMessage>;
  if (!connection || !options) return <StateMessage kind="loading">Loading settings…</StateMessage>;

  const field = (key: keyof ConnectionView, label: string) => (
    <p>
      <label for={`conn-${key}`}>{label}</label>
      <br />
      <input
        id={`conn-${key}`}
        size={50}
        value={String(connection[key] ?? '')}
        onInput={(e) => setConnection({ ...connection, [key]: e.currentTarget.value })}
      />
    </p>
  );
  const toggleIn = (key: 'billableOptions' | 'approvedStatuses', value: string, on: boolean) =>
    setOptions({ ...options, [key]: on ? [...options[key], value] : options[key].filter((v) => v !== value) });

  const saveConnection = async (event: Event) => {
    event.preventDefault();
    setStatus('Saving the connection…');
    try {
      const saved = await props.api.saveConnection({
        site: String(connection.site ?? ''),
        companyId: String(connection.companyId ?? ''),
        publicKey: String(connection.publicKey ?? ''),
        clientId: String(connection.clientId ?? ''),
        ...(privateKey ? { privateKey } : {}),
      });
      setConnection(saved);
      setPrivateKey('');
      const test = await props.api.testConnection();
      setStatus(test.ok ? `Connected: ${test.message}` : `Saved, but the test failed: ${test.message}`);
    } catch (e) {
      setStatus(describeApiError(e));
    }
  };
  const saveOptions = async (event: Event) => {
    event.preventDefault();
    try {
      setOptions(await props.api.saveSyncOptions(options));
      setStatus('Options saved.');
    } catch (e) {
      setStatus(describeApiError(e));
    }
  };

  return (
    <section class="cwb" aria-label="Settings" data-testid="settings-page">
      <h2>ConnectWise connection</h2>
      <form onSubmit={saveConnection}>
        {field('site', 'API site (e.g. https://api-na.myconnectwise.net)')}
        {field('companyId', 'Company id')}
        {field('publicKey', 'Public key')}
        <p>
          <label for="conn-private">Private key {connection.privateKeySet ? '(set; leave empty to keep it)' : '(not set)'}</label>
          <br />
          <input
            id="conn-private"
            type="password"
            autocomplete="off"
            size={50}
            value={privateKey}
            onInput={(e) => setPrivateKey(e.currentTarget.value)}
          />
        </p>
        {field('clientId', 'clientId')}
        <p class="cwb-explain">Codebase: {connection.codebase ?? 'discovered when saved'}</p>
        <button type="submit">Save and test the connection</button>
      </form>
      <p role="status" data-testid="settings-status">
        {status}
      </p>
      <h2>Options</h2>
      <form onSubmit={saveOptions}>
        <fieldset>
          <legend>Billable options that become charges</legend>
          {BILLABLE_OPTIONS.map((o) => (
            <label key={o} style={{ marginRight: '12px' }}>
              <input
                type="checkbox"
                checked={options.billableOptions.includes(o)}
                onChange={(e) => toggleIn('billableOptions', o, e.currentTarget.checked)}
              />{' '}
              {o}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Time and expense statuses approved to bill</legend>
          {STATUSES.map((s) => (
            <label key={s} style={{ marginRight: '12px' }}>
              <input
                type="checkbox"
                checked={options.approvedStatuses.includes(s)}
                onChange={(e) => toggleIn('approvedStatuses', s, e.currentTarget.checked)}
              />{' '}
              {s}
            </label>
          ))}
        </fieldset>
        <p>
          <label>
            Labour rate from{' '}
            <select
              value={options.rateSource}
              onChange={(e) => setOptions({ ...options, rateSource: e.currentTarget.value as SyncOptions['rateSource'] })}
            >
              <option value="connectwise">ConnectWise (hourly rate × billed hours)</option>
              <option value="rate-card">our rate card (the mapped product's price)</option>
            </select>
          </label>
        </p>
        <p>
          <label>
            <input
              type="checkbox"
              checked={options.autoCreateProducts}
              onChange={(e) => setOptions({ ...options, autoCreateProducts: e.currentTarget.checked })}
            />{' '}
            Create a billing product for each new work role × work type, catalog item and expense type
          </label>
        </p>
        <p>
          <label>
            <input
              type="checkbox"
              checked={options.fireAccountCreatedEvent}
              onChange={(e) => setOptions({ ...options, fireAccountCreatedEvent: e.currentTarget.checked })}
            />{' '}
            Fire the Account Created event (event id 2) for accounts a sync creates
          </label>
        </p>
        <p>
          <label>
            Sync every{' '}
            <input
              type="number"
              min={0}
              max={1440}
              value={options.scheduleMinutes}
              onInput={(e) => setOptions({ ...options, scheduleMinutes: Number(e.currentTarget.value) })}
            />{' '}
            minutes (0: only on demand and by ConnectWise callbacks)
          </label>
        </p>
        <button type="submit">Save options</button>
      </form>
      <MemberPowers api={props.api} />
    </section>
  );
}
