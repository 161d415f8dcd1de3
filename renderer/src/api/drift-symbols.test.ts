import { describe, expect, it } from 'vitest';
import type { MethodInfo, SchemaSummary } from '../../../shared/model/schema';
import { methodForSymbol } from './drift-symbols';

const method = (name: string, requestType: string, responseType: string): MethodInfo => ({
  fullName: `a.v1.Users.${name}`,
  name,
  path: `/a.v1.Users/${name}`,
  kind: 'unary',
  requestType,
  responseType,
});
const summary: SchemaSummary = {
  services: [
    {
      fullName: 'a.v1.Users',
      name: 'Users',
      package: 'a.v1',
      file: 'a.proto',
      methods: [
        method('GetUser', 'a.v1.GetUserRequest', 'a.v1.User'),
        method('Count', 'a.v1.CountRequest', 'a.v1.Tally'),
      ],
    },
  ],
  fileCount: 1,
  sources: [],
  loadedAt: 0,
};

describe("a drift finding's symbol in the service tree", () => {
  it('leads to the method itself, the first method of a service, or a method using the message or field', () => {
    expect(methodForSymbol(summary, 'a.v1.Users.Count')).toBe('a.v1.Users.Count');
    expect(methodForSymbol(summary, 'a.v1.Users')).toBe('a.v1.Users.GetUser');
    expect(methodForSymbol(summary, 'a.v1.Tally')).toBe('a.v1.Users.Count');
    expect(methodForSymbol(summary, 'a.v1.User.email')).toBe('a.v1.Users.GetUser');
  });

  it('leads nowhere for a symbol the loaded schema lacks, or a message no method uses', () => {
    expect(methodForSymbol(summary, 'a.v1.Users.Gone')).toBeUndefined();
    expect(methodForSymbol(summary, 'a.v1.Badge')).toBeUndefined();
    // A prefix of a name is not the name: a.v1.UserX is not a field of a.v1.User.
    expect(methodForSymbol(summary, 'a.v1.UserX')).toBeUndefined();
  });
});
