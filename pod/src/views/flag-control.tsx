import { useState } from 'preact/hooks';
import { InlineError } from './inline-error.js';
import type { TicketTimeEntry } from '../../../shared/schemas/ticket-billing.js';

const OPTIONS = [
  { value: 'Billable', label: 'Billable' },
  { value: 'DoNotBill', label: 'Do not bill' },
  { value: 'NoCharge', label: 'No charge' },
] as const;
type Flag = (typeof OPTIONS)[number]['value'];

/**
 * Lets a service manager flag an entry billable / do not bill / no charge.
 * A choice not yet applied makes the Manage screen "dirty", so leaving it prompts.
 */
export function FlagControl(props: {
  entry: TicketTimeEntry;
  onApply: (flag: Flag) => Promise<void>;
  onDirty: (id: number, dirty: boolean) => void;
}) {
  const current = props.entry.billableOption === 'NoDefault' ? 'DoNotBill' : props.entry.billableOption;
  const [choice, setChoice] = useState<Flag>(current);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const id = `flag-${props.entry.id}`;

  const apply = async () => {
    setBusy(true);
    setError('');
    try {
      await props.onApply(choice);
      props.onDirty(props.entry.id, false);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <label for={id} class="cwb-visually-hidden">
        Billing flag for entry {props.entry.id}
      </label>
      <select
        id={id}
        value={choice}
        disabled={busy}
        onChange={(e) => {
          const next = e.currentTarget.value as Flag;
          setChoice(next);
          props.onDirty(props.entry.id, next !== current);
        }}
      >
        {OPTIONS.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>{' '}
      <button type="button" disabled={busy || choice === current} onClick={() => void apply()}>
        {busy ? 'Saving…' : 'Apply'}
      </button>
      <InlineError message={error} />
    </div>
  );
}
