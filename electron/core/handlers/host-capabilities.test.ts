import { afterEach, describe, expect, it } from 'vitest';
import type { PickFilesInput } from '../../../shared/contract';
import { connectEngine, disposeEngines } from '../test-support/engine-connection';

/* Host capabilities: the engine offers a native file picker only when its host injects one
 * (the desktop app does; browser mode and the CLI do not), and says so in app.info. */

afterEach(disposeEngines);
const connect = (options: Parameters<typeof connectEngine>[0] = {}) => connectEngine(options).client;

describe('host.pickFiles', () => {
  it('is refused as UNSUPPORTED, and advertised as absent, without a host picker', async () => {
    const client = connect();
    expect((await client.request('app.info', {})).capabilities.nativeFileDialogs).toBe(false);
    await expect(client.request('host.pickFiles', { title: 'Pick', multiple: false })).rejects.toMatchObject({
      code: 'UNSUPPORTED',
    });
  });

  it("passes the request to the host's picker and returns its paths", async () => {
    const seen: PickFilesInput[] = [];
    const client = connect({
      pickFiles: async (request) => {
        seen.push(request);
        return ['/tmp/a.proto', '/tmp/b.proto'];
      },
    });
    expect((await client.request('app.info', {})).capabilities.nativeFileDialogs).toBe(true);
    const paths = await client.request('host.pickFiles', {
      title: 'Choose .proto files',
      multiple: true,
      filters: [{ name: 'Protocol Buffers', extensions: ['proto'] }],
    });
    expect(paths).toEqual(['/tmp/a.proto', '/tmp/b.proto']);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ title: 'Choose .proto files', multiple: true });
  });
});
