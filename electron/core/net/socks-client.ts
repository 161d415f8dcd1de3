// The SOCKS client, behind a module of ours so tunnel.ts can import() it when a SOCKS proxy is
// first used: each bundle then turns that import() into a lazy require() (ARCHITECTURE, "A cold
// command evaluates only what it uses").
export { SocksClient } from 'socks';
