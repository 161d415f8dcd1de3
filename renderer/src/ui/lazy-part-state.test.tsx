// @vitest-environment happy-dom
import { act, useState } from 'react';
import { expect, it } from 'vitest';
import { lazyPart } from './lazy-part';
import { mountedRoot } from './test-support/mounted-root';

/** A part with state of its own, as a view with a text field is. */
function Field({ label }: { label: string }) {
  const [text, setText] = useState('');
  return (
    <label>
      {label}
      <input value={text} onChange={(e) => setText(e.target.value)} />
    </label>
  );
}

/** Runs `change` and lets React settle, the lazy part's promise included. */
const settle = (change: () => void) =>
  act(async () => {
    change();
    await new Promise((resolve) => setTimeout(resolve, 0));
  });

it('keeps what was typed into a part that first rendered before its chunk arrived, when its parent renders again', async () => {
  let arrive!: (module: { Field: typeof Field }) => void;
  const Part = lazyPart(() => new Promise<{ Field: typeof Field }>((resolve) => (arrive = resolve)), 'Field');
  const { host, root } = mountedRoot();

  await settle(() => root.render(<Part label="first" />));
  expect(host.querySelector('input')).toBeNull();
  await settle(() => arrive({ Field }));
  const input = host.querySelector('input')!;
  await settle(() => {
    // As a user types: React's value tracker sees the change through the native setter.
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, 'before');
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  expect(host.querySelector('input')!.value).toBe('before');

  // The parent renders again (a store update): the part must not be mounted afresh.
  await settle(() => root.render(<Part label="second" />));
  expect(host.textContent).toContain('second');
  expect(host.querySelector('input')).toBe(input);
  expect(input.value).toBe('before');
});
