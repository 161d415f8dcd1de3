// Loaded on first use (ChannelPool.prepare): a gRPC call, and a cold `loupe call`, never pay for
// loading @connectrpc/connect and the HTTP stack it brings.
export { WebConnection } from './web-connection';
export { WebCall } from './web-call';
