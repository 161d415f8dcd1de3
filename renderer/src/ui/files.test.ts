import { afterEach, describe, expect, it, vi } from 'vitest';
import { downloadFile } from './files';

describe('downloadFile', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('clicks a download link to a blob of the parts, attached while clicked, and lets the URL go later', async () => {
    vi.useFakeTimers();
    let blob: Blob | undefined;
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      blob = b as Blob;
      return 'blob:test/1';
    });
    const revoke = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    let attached = false;
    const clicks: unknown[] = [];
    const link = {
      href: '',
      download: '',
      click: () => clicks.push({ href: link.href, download: link.download, attached }),
      remove: () => (attached = false),
    };
    vi.stubGlobal('document', { createElement: () => link, body: { append: () => (attached = true) } });

    downloadFile('call.ndjson', ['{"a":1}\n', '{"a":2}\n'], 'application/x-ndjson');

    expect(clicks).toEqual([{ href: 'blob:test/1', download: 'call.ndjson', attached: true }]);
    expect(attached).toBe(false);
    expect(blob?.type).toBe('application/x-ndjson');
    expect(await blob?.text()).toBe('{"a":1}\n{"a":2}\n');
    expect(revoke).not.toHaveBeenCalled();
    vi.advanceTimersByTime(60_000);
    expect(revoke).toHaveBeenCalledWith('blob:test/1');
  });
});
