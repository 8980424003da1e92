import type { ComponentChildren } from 'preact';

/** Loading, empty and error states, each saying what happens or what to do next. */
export function StateMessage(props: { kind: 'loading' | 'empty' | 'error'; children: ComponentChildren }) {
  return (
    <div
      class={`cwb cwb-state ${props.kind === 'error' ? 'error' : ''}`}
      role={props.kind === 'error' ? 'alert' : 'status'}
      data-testid={`state-${props.kind}`}
    >
      {props.children}
    </div>
  );
}
