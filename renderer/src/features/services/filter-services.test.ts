import { describe, expect, it } from 'vitest';
import type { ServiceInfo } from '../../../../shared/model/schema';
import { filterServices } from './filter-services';

const method = (name: string) => ({
  fullName: `a.S.${name}`,
  name,
  path: `/a.S/${name}`,
  kind: 'unary' as const,
  requestType: 'a.Req',
  responseType: 'a.Res',
});
const services: ServiceInfo[] = [
  {
    fullName: 'a.Greeter',
    name: 'Greeter',
    package: 'a',
    file: 'a.proto',
    methods: [method('SayHello'), method('Chat')],
  },
  {
    fullName: 'a.Store',
    name: 'Store',
    package: 'a',
    file: 'a.proto',
    methods: [method('GetItem'), method('SayGoodbye')],
  },
];

describe('filterServices', () => {
  it('keeps everything for an empty filter', () => {
    expect(filterServices(services, '  ')).toBe(services);
  });
  it('keeps a whole service when its name matches', () => {
    expect(filterServices(services, 'greet').map((s) => [s.name, s.methods.length])).toEqual([['Greeter', 2]]);
  });
  it('keeps only matching methods otherwise, case-insensitively', () => {
    expect(filterServices(services, 'SAY').map((s) => s.methods.map((m) => m.name))).toEqual([
      ['SayHello'],
      ['SayGoodbye'],
    ]);
  });
});
