// proxy-from-env ships no types: the one function it exports.
declare module 'proxy-from-env' {
  /** The proxy URL the process environment names for `url`, or '' for none (NO_PROXY included). */
  export function getProxyForUrl(url: string | URL): string;
}
