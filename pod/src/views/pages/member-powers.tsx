import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../../../../shared/api-client.js';
import { ALL_POWERS, PARENT_POWER } from '../../../../shared/powers.js';
import { describeApiError } from '../describe-api-error.js';

type Grant = { memberIdentifier: string; powers: string[] };

/** Which ConnectWise members may do what in the pod and the tabs (the five powers). */
export function MemberPowers(props: { api: ApiClient }) {
  const [grants, setGrants] = useState<Grant[]>([]);
  const [identifier, setIdentifier] = useState('');
  const [chosen, setChosen] = useState<string[]>([PARENT_POWER]);
  const [message, setMessage] = useState('');
  const load = () =>
    props.api
      .memberGrants()
      .then((r) => setGrants(r.grants))
      .catch((e: unknown) => setMessage(describeApiError(e)));
  useEffect(() => void load(), []);

  const save = async (event: Event) => {
    event.preventDefault();
    try {
      const saved = await props.api.grantMember(identifier.trim(), chosen);
      setMessage(`${saved.memberIdentifier}: ${saved.powers.join(', ') || 'no powers'}.`);
      setIdentifier('');
      void load();
    } catch (e) {
      setMessage(describeApiError(e));
    }
  };

  return (
    <section aria-label="Members and powers" data-testid="member-powers">
      <h2>Members and powers</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">ConnectWise member</th>
            <th scope="col">Powers</th>
          </tr>
        </thead>
        <tbody>
          {grants.map((g) => (
            <tr key={g.memberIdentifier}>
              <td>
                <button
                  type="button"
                  class="cwb-link"
                  onClick={() => {
                    setIdentifier(g.memberIdentifier);
                    setChosen(g.powers);
                  }}
                >
                  {g.memberIdentifier}
                </button>
              </td>
              <td>{g.powers.join(', ') || 'none'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form onSubmit={save}>
        <p>
          <label for="member-identifier">Member identifier</label>{' '}
          <input id="member-identifier" required maxLength={100} value={identifier} onInput={(e) => setIdentifier(e.currentTarget.value)} />
        </p>
        <fieldset>
          <legend>Powers (ConnectWise Integration is needed for any of the others)</legend>
          {ALL_POWERS.map((power) => (
            <label key={power} style={{ display: 'block' }}>
              <input
                type="checkbox"
                checked={chosen.includes(power)}
                onChange={(e) => setChosen(e.currentTarget.checked ? [...chosen, power] : chosen.filter((p) => p !== power))}
              />{' '}
              {power}
            </label>
          ))}
        </fieldset>
        <button type="submit">Save powers</button>
      </form>
      <p role="status">{message}</p>
    </section>
  );
}
