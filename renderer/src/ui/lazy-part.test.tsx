import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { lazyPart } from './lazy-part';

function Greeting({ name }: { name: string }) {
  return <p>hello {name}</p>;
}

describe('lazyPart', () => {
  it('shows its fallback while its chunk has not loaded', () => {
    const Part = lazyPart(() => new Promise<{ Greeting: typeof Greeting }>(() => {}), 'Greeting', <i>waiting</i>);
    expect(renderToString(<Part name="a" />)).toContain('waiting');
  });

  it('renders the export at once after a preload, without a fallback in between', async () => {
    let loads = 0;
    const Part = lazyPart(
      () => {
        loads += 1;
        return Promise.resolve({ Greeting });
      },
      'Greeting',
      <i>waiting</i>,
    );
    await Part.preload();
    const html = renderToString(<Part name="b" />);
    expect(html).toContain('hello <!-- -->b');
    expect(html).not.toContain('waiting');
    await Part.preload();
    expect(loads).toBe(1);
  });

  it('lets a failed preload be tried again by the next render or preload', async () => {
    let attempts = 0;
    const Part = lazyPart(() => {
      attempts += 1;
      return attempts === 1 ? Promise.reject(new Error('chunk not fetched')) : Promise.resolve({ Greeting });
    }, 'Greeting');
    await expect(Part.preload()).rejects.toThrow('chunk not fetched');
    await Part.preload();
    expect(renderToString(<Part name="c" />)).toContain('hello');
  });
});
