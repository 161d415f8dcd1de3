import { describe, expect, it } from 'vitest';
import { toGrpcurlCommand } from '../../../../shared/workspace/commands';
import type { RequestTab } from '../../state';
import { fillPlainVariables, resolvedFromTab } from './request-commands';

const env = {
  name: 'dev',
  environment: {
    version: 1,
    variables: [
      { name: 'host', value: 'localhost' },
      { name: 'addr', value: '{{host}}:50051' },
      { name: 'token', secret: true },
    ],
  },
  version: 'v1',
  secrets: [{ name: 'token', source: 'store' as const }],
};

describe('commands for a tab', () => {
  it('fills plain variables, also nested ones, and keeps secrets and unknown names as written', () => {
    expect(fillPlainVariables('{{addr}} {{ token }} {{nope}}', env)).toBe('localhost:50051 {{ token }} {{nope}}');
  });

  it('builds a grpcurl command from the tab', () => {
    const tab: RequestTab = {
      id: 't',
      method: 'loupe.demo.v1.Demo.Echo',
      body: '{"message":"hi"}',
      metadata: [
        { id: 'a', enabled: true, name: 'X-Auth', value: 'Bearer {{token}}' },
        { id: 'b', enabled: false, name: 'off', value: '1' },
      ],
      deadlineSeconds: '2',
      call: undefined,
      target: { address: '{{addr}}' },
    };
    expect(toGrpcurlCommand(resolvedFromTab(tab, env))).toBe(
      `grpcurl -plaintext -H 'x-auth: Bearer {{token}}' -max-time 2 -d '{"message":"hi"}' localhost:50051 loupe.demo.v1.Demo/Echo`,
    );
  });
});
