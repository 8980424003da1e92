/** A short failure message next to the control that caused it; nothing when there is none. */
export function InlineError(props: { message: string }) {
  if (!props.message) return null;
  return (
    <div role="alert" class="cwb-explain" style={{ color: '#b00020' }}>
      {props.message}
    </div>
  );
}
