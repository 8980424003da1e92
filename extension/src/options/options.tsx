import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { readSettings, writeSettings, type ExtensionSettings } from '../settings.js';
import { FEATURE_LIST } from '../feature-list.js';
import { ManageHostsSection } from './manage-hosts-section.js';
import type { ExtensionResponse } from '../../../shared/messages.js';
import type { WhoAmI } from '../../../shared/api-client.js';

/** Where the admin connects the extension to the billing server and switches features. */
function Options() {
  const [settings, setSettings] = useState<ExtensionSettings | null>(null);
  const [status, setStatus] = useState<{ kind: 'idle' | 'ok' | 'error' | 'busy'; text: string }>({ kind: 'idle', text: '' });

  useEffect(() => {
    void readSettings().then(setSettings);
  }, []);
  if (!settings) return <p role="status">Loading…</p>;

  const save = async (event: Event) => {
    event.preventDefault();
    let serverUrl: string;
    try {
      const url = new URL(settings.serverUrl.trim());
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error();
      serverUrl = url.origin;
    } catch {
      setStatus({ kind: 'error', text: 'Enter the billing server address, e.g. https://billing.example.com' });
      return;
    }
    setStatus({ kind: 'busy', text: 'Testing the connection…' });
    await writeSettings({ serverUrl, token: settings.token.trim() });
    const answer = (await browser.runtime.sendMessage({ type: 'test-connection' })) as ExtensionResponse<WhoAmI>;
    setStatus(
      answer.ok
        ? { kind: 'ok', text: `Connected as ${answer.data.name}. Powers: ${answer.data.powers.join(', ')}.` }
        : { kind: 'error', text: answer.error.message },
    );
  };

  const toggle = async (id: string, on: boolean) => {
    const disabledFeatures = on ? settings.disabledFeatures.filter((f) => f !== id) : [...settings.disabledFeatures, id];
    setSettings({ ...settings, disabledFeatures });
    await writeSettings({ disabledFeatures });
  };

  return (
    <main style={{ font: '14px Arial, sans-serif', maxWidth: '560px', margin: '24px' }}>
      <h1 style={{ fontSize: '20px' }}>ConnectWise Billing</h1>
      <form onSubmit={save}>
        <p>
          <label for="server-url">Billing server address</label>
          <br />
          <input
            id="server-url"
            name="serverUrl"
            type="url"
            required
            style={{ width: '100%' }}
            value={settings.serverUrl}
            onInput={(e) => setSettings({ ...settings, serverUrl: e.currentTarget.value })}
          />
        </p>
        <p>
          <label for="token">API token</label>
          <br />
          <input
            id="token"
            name="token"
            type="password"
            autocomplete="off"
            required
            style={{ width: '100%' }}
            value={settings.token}
            onInput={(e) => setSettings({ ...settings, token: e.currentTarget.value })}
          />
        </p>
        <button type="submit" disabled={status.kind === 'busy'}>
          Save and test connection
        </button>
        <p role="status" data-testid="connection-status" style={{ color: status.kind === 'error' ? '#b00020' : '#05400a' }}>
          {status.text}
        </p>
      </form>
      <fieldset>
        <legend>Features</legend>
        {FEATURE_LIST.map((feature) => (
          <p key={feature.id}>
            <label>
              <input
                type="checkbox"
                checked={!settings.disabledFeatures.includes(feature.id)}
                onChange={(e) => void toggle(feature.id, e.currentTarget.checked)}
              />{' '}
              {feature.title}
            </label>
            <br />
            <small>{feature.description}</small>
          </p>
        ))}
      </fieldset>
      <ManageHostsSection />
    </main>
  );
}

render(<Options />, document.getElementById('app')!);
