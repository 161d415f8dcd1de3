import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { allowedOrigins, checkUpgrade, tokensMatch } from './access';

const TOKEN = 'tok_3xH-abc_DEF';
const PORT = 43210;
const origins = allowedOrigins('127.0.0.1', PORT);

function upgrade(url: string | undefined, headers: Record<string, string | undefined>): IncomingMessage {
  return { url, headers } as unknown as IncomingMessage;
}

const good = { host: `127.0.0.1:${PORT}`, origin: `http://127.0.0.1:${PORT}` };

describe('allowedOrigins', () => {
  it('is our own http origin on the loopback names, with our port', () => {
    expect([...allowedOrigins('127.0.0.1', PORT)].sort()).toEqual([
      `http://127.0.0.1:${PORT}`,
      `http://localhost:${PORT}`,
    ]);
  });

  it('adds the bracketed form for IPv6 loopback', () => {
    expect(allowedOrigins('::1', 80).has('http://[::1]:80')).toBe(true);
  });

  it('includes a custom bind host', () => {
    expect(allowedOrigins('10.0.0.5', 8080).has('http://10.0.0.5:8080')).toBe(true);
  });
});

describe('tokensMatch', () => {
  it.each([
    ['the same token', TOKEN, true],
    ['null', null, false],
    ['empty', '', false],
    ['a prefix', TOKEN.slice(0, -1), false],
    ['a longer token', `${TOKEN}x`, false],
    ['one character changed', `${TOKEN.slice(0, -1)}G`, false],
    ['different case', TOKEN.toUpperCase(), false],
    // Same number of characters, different number of bytes: must not throw (timingSafeEqual would).
    ['multi-byte characters', 'é'.repeat(TOKEN.length), false],
  ])('%s', (_what, given, expected) => {
    expect(tokensMatch(TOKEN, given)).toBe(expected);
  });

  it('never accepts anything for an empty expected token', () => {
    expect(tokensMatch('', '')).toBe(false);
    expect(tokensMatch('', null)).toBe(false);
  });
});

describe('checkUpgrade', () => {
  const check = (url: string | undefined, headers: Record<string, string | undefined>) =>
    checkUpgrade(upgrade(url, headers), TOKEN, origins);

  it('accepts our page: /rpc, the token, our Origin and a loopback Host', () => {
    expect(check(`/rpc?token=${TOKEN}`, good)).toEqual({ ok: true });
    expect(check(`/rpc?token=${TOKEN}`, { host: `localhost:${PORT}`, origin: `http://localhost:${PORT}` })).toEqual({
      ok: true,
    });
  });

  it('accepts a URL-encoded token', () => {
    const token = 'a+b/c=';
    const verdict = checkUpgrade(upgrade(`/rpc?token=${encodeURIComponent(token)}`, good), token, origins);
    expect(verdict).toEqual({ ok: true });
  });

  it.each([
    ['another path', `/other?token=${TOKEN}`],
    ['a sub-path', `/rpc/x?token=${TOKEN}`],
    ['no url', undefined],
  ])('refuses %s with 404', (_what, url) => {
    expect(check(url, good)).toMatchObject({ ok: false, status: 404 });
  });

  it.each([
    ['no token', '/rpc'],
    ['an empty token', '/rpc?token='],
    ['a wrong token', '/rpc?token=nope'],
    ['the token under another name', `/rpc?t=${TOKEN}`],
  ])('refuses %s with 401', (_what, url) => {
    expect(check(url, good)).toEqual({ ok: false, status: 401, reason: 'missing or wrong token' });
  });

  it.each([
    ['no Origin', undefined],
    ['a foreign site', 'http://evil.example'],
    ['the opaque null origin', 'null'],
    ['https instead of http', `https://127.0.0.1:${PORT}`],
    ['another port', `http://127.0.0.1:${PORT + 1}`],
    ['no port', 'http://127.0.0.1'],
    ['a trailing slash', `http://127.0.0.1:${PORT}/`],
    ['a look-alike host', `http://127.0.0.1.evil.example:${PORT}`],
  ])('refuses %s as Origin with 403', (_what, origin) => {
    expect(check(`/rpc?token=${TOKEN}`, { host: good.host, origin })).toMatchObject({ ok: false, status: 403 });
  });

  it.each([
    ['no Host', undefined],
    ['a rebinding name', `evil.example:${PORT}`],
    ['another port', `127.0.0.1:${PORT + 1}`],
    ['no port', '127.0.0.1'],
    ['a look-alike host', `127.0.0.1.evil.example:${PORT}`],
    ['credentials-like text', `evil@127.0.0.1:${PORT}`],
  ])('refuses %s as Host with 403 even with the right token and Origin', (_what, host) => {
    const verdict = check(`/rpc?token=${TOKEN}`, { host, origin: good.origin });
    expect(verdict).toMatchObject({ ok: false, status: 403 });
    expect(verdict.ok === false && verdict.reason).toMatch(/^foreign Host header/);
  });

  it('checks Host and Origin before the token, so a foreign page learns nothing about the token', () => {
    expect(check('/rpc?token=wrong', { host: good.host, origin: 'http://evil.example' })).toMatchObject({
      status: 403,
    });
  });
});
