import { WebSocketServer } from 'ws';

/**
 * The page server's WebSocket side, in a module of its own so `index.ts` imports it (and ws,
 * with the zlib it loads) at the first connection rather than before `loupe web` prints its
 * address. Through our module, not `import('ws')`: each bundle turns this into a require().
 */
export function createWebSocketServer(): WebSocketServer {
  return new WebSocketServer({ noServer: true, maxPayload: 256 * 1024 * 1024 });
}
