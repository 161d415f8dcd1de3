import { describe, expect, it } from 'vitest';
import { SerialQueue } from './serial-queue';

describe('SerialQueue', () => {
  it('runs one piece at a time, in order, and goes on after a failure', async () => {
    const queue = new SerialQueue();
    const log: string[] = [];
    let release!: () => void;
    const first = queue.run(async () => {
      log.push('first starts');
      await new Promise<void>((resolve) => (release = resolve));
      log.push('first ends');
      return 1;
    });
    const failing = queue.run(async () => {
      log.push('second runs');
      throw new Error('no');
    });
    const third = queue.run(async () => {
      log.push('third runs');
      return 3;
    });
    await Promise.resolve();
    expect(log).toEqual(['first starts']);
    release();
    await expect(first).resolves.toBe(1);
    await expect(failing).rejects.toThrow('no');
    await expect(third).resolves.toBe(3);
    expect(log).toEqual(['first starts', 'first ends', 'second runs', 'third runs']);
  });
});
