import { useState } from 'preact/hooks';

/**
 * Outside Manage there is no member hash to sign in with: an admin pastes an
 * API token. It is kept in memory only, for this page.
 */
export function TokenSignIn(props: { onToken: (token: string) => Promise<string | null> }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState('');
  const submit = async (event: Event) => {
    event.preventDefault();
    setError((await props.onToken(token.trim())) ?? '');
  };
  return (
    <form class="cwb" onSubmit={submit} style={{ maxWidth: '480px' }}>
      <h2>Sign in to ConnectWise billing</h2>
      <p>Open this page from its tab in ConnectWise Manage, or sign in with an API token.</p>
      <label for="api-token">API token</label>
      <br />
      <input
        id="api-token"
        type="password"
        autocomplete="off"
        required
        size={50}
        value={token}
        onInput={(e) => setToken(e.currentTarget.value)}
      />{' '}
      <button type="submit">Sign in</button>
      {error ? (
        <p role="alert" class="cwb-state error">
          {error}
        </p>
      ) : null}
    </form>
  );
}
