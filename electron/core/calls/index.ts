export { CallRunner } from './call-runner';
export type { StartCallOptions, CallHandle } from './call-runner';
export { ChannelPool, connectionKey } from './channel-pool';
export type { ConnectivityState } from './channel-pool';
export { toGrpcMetadata, fromGrpcMetadata, metadataProblem } from './metadata';
export { decodeStatusDetails, encodeStatusDetails, withGoogleRpc, statusName } from './status';
export { diagnoseConnection } from './diagnose';
export { messageToJson, messageRenderer, wireBytesOf, type MessageRenderer } from './codec';
