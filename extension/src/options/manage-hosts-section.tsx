import { useEffect, useState } from 'preact/hooks';
import { addManageHost, listManageHosts, originPatternFor, removeManageHost } from '../manage-hosts.js';

/** Self-hosted Manage sites: each one asks the browser for permission before the panels run there. */
export function ManageHostsSection() {
  const [hosts, setHosts] = useState<string[]>([]);
  const [input, setInput] = useState('');
  const [message, setMessage] = useState('');

  const refresh = () => void listManageHosts().then(setHosts);
  useEffect(refresh, []);

  const add = async (event: Event) => {
    event.preventDefault();
    const pattern = originPatternFor(input);
    if (!pattern) {
      setMessage('Enter the address of your Manage site, e.g. manage.example.com');
      return;
    }
    const granted = await addManageHost(pattern);
    setMessage(granted ? `Added ${pattern}. Reload your Manage tabs.` : 'The browser did not grant access to that site.');
    setInput('');
    refresh();
  };

  return (
    <fieldset>
      <legend>Self-hosted ConnectWise Manage sites</legend>
      <p>
        <small>Cloud sites (*.myconnectwise.net and the like) work without this.</small>
      </p>
      <ul>
        {hosts.map((host) => (
          <li key={host}>
            {host}{' '}
            <button type="button" onClick={() => void removeManageHost(host).then(refresh)}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={add}>
        <label for="manage-host">Manage site address</label>{' '}
        <input id="manage-host" value={input} onInput={(e) => setInput(e.currentTarget.value)} placeholder="manage.example.com" />{' '}
        <button type="submit">Add site</button>
      </form>
      <p role="status">{message}</p>
    </fieldset>
  );
}
