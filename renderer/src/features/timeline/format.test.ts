import { describe, expect, it } from 'vitest';
import { describeEvent } from './format';

const started = {
  type: 'started' as const,
  t: 0,
  at: 0,
  target: '127.0.0.1:50051',
  method: '/a.B/C',
  kind: 'unary' as const,
  options: {},
};

describe('the started row', () => {
  it('says which auth applied and when its token expires', () => {
    const row = describeEvent({
      ...started,
      auth: { type: 'oauth2', label: 'OAuth 2.0 (client credentials)', expiresAt: Date.UTC(2030, 0, 1, 10, 0, 0) },
    });
    expect(row.text).toBe(
      '/a.B/C on 127.0.0.1:50051 · auth: OAuth 2.0 (client credentials), token expires 2030-01-01T10:00:00Z',
    );
  });

  it('says nothing of auth when none applied', () => {
    expect(describeEvent(started).text).toBe('/a.B/C on 127.0.0.1:50051');
  });
});
