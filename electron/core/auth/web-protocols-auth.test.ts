import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOLS } from '../../../shared/model/target';
import { startDemoWebServer, type DemoWebServer } from '../demo/web-server';
import { useEngineWithDemo } from '../test-support/engine-with-demo';

/* Auth travels with every protocol: the demo echoes request metadata in its response headers. */

const kit = useEngineWithDemo();
let web: DemoWebServer;
beforeAll(async () => {
  web = await startDemoWebServer();
});
afterAll(() => web.stop());

describe('auth over every protocol', () => {
  for (const protocol of PROTOCOLS) {
    it(`${protocol}: the auth header is sent, and what comes back is masked`, async () => {
      const { client } = kit.connect();
      const call = kit.openCall(client, {
        callId: `auth-${protocol}`,
        target: {
          address: protocol === 'grpc' ? kit.demo.address : web.address,
          protocol,
          auth: { type: 'api-key', name: 'x-api-key', value: 'key-2c7f9e' },
        },
        method: 'loupe.demo.v1.Demo/Echo',
        messages: ['{"message":"hi"}'],
      });
      expect(await call.ended).toBeUndefined();
      const headers = call.events.find((e) => e.type === 'headers');
      expect(headers?.type === 'headers' && headers.metadata).toContainEqual({
        name: 'x-api-key',
        value: '{{auth.api_key}}',
      });
      expect(call.events[0]).toMatchObject({ type: 'started', auth: { type: 'api-key', label: 'API key' } });
      expect(JSON.stringify(call.events)).not.toContain('key-2c7f9e');
    });
  }
});
