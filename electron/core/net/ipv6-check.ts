import net from 'node:net';

/**
 * Node's answer (`isIP` checks with Node's own functions, not the `net.isIPv6` property this
 * module replaces), asked only of text that could be an IPv6 address: every one has a colon.
 */
export function isIPv6(text: string): boolean {
  return text.includes(':') && net.isIP(text) === 6;
}

/**
 * Makes `net.isIPv6` answer text without a colon (any IPv4 address or host name) at once. Node's
 * check runs a very large regular expression, interpreted the first times it runs: 4-6 ms for one
 * IPv4 address in a fresh process, which grpc-js asks about every address it dials (profiles of a
 * cold `loupe call`), and about every address a server binds (`loupe web`'s demo, a mock). The
 * answers are Node's own for every input. grpc-js looks the function up on `net` at each call, so
 * it sees this one; installed before a channel is made or a server binds, idempotent.
 */
export function answerIPv4WithoutTheIPv6Pattern(): void {
  if (net.isIPv6 !== isIPv6) net.isIPv6 = isIPv6;
}
