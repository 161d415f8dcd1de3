/**
 * One Content-Security-Policy for both faces. No remote content at all: scripts, styles, fonts
 * and workers come from our own origin (Monaco needs blob: workers and inline styles); the only
 * connection the page may open is back to its own origin (browser mode's WebSocket).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self' ws://127.0.0.1:* ws://localhost:*",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
