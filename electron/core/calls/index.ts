export { CallRunner } from './call-runner';
export type { CallHandle, StartCallOptions } from './call-runner';
export { ChannelPool } from './channel-pool';
export { fromGrpcMetadata, toGrpcMetadata } from './metadata';
export { withGoogleRpc } from './status';
export { diagnoseConnection } from './diagnose';
export { messageRenderer, unknownFieldReader, type MessageRenderer, type UnknownFieldReader } from './codec';
export { wireBytesOf } from './message-event';
