import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { ExtensionResponse } from '../../../shared/messages.js';
import type { WhoAmI } from '../../../shared/api-client.js';

/** The toolbar popup: is the extension connected, and to whom. */
function Popup() {
  const [text, setText] = useState('Checking the connection…');
  useEffect(() => {
    void (browser.runtime.sendMessage({ type: 'test-connection' }) as Promise<ExtensionResponse<WhoAmI>>).then((answer) =>
      setText(answer.ok ? `Connected as ${answer.data.name}.` : answer.error.message),
    );
  }, []);
  return (
    <main style={{ font: '13px Arial, sans-serif', padding: '8px' }}>
      <p role="status">{text}</p>
      <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
        Options
      </button>
    </main>
  );
}

render(<Popup />, document.getElementById('app')!);
