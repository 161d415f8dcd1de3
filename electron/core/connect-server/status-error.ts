import { fromBinary } from '@bufbuild/protobuf';
import { ConnectError } from '@connectrpc/connect';
import { StatusSchema } from '../calls/rpc/status_pb.generated';

/**
 * A gRPC status as a ConnectError, with the google.rpc details of grpc-status-details-bin carried
 * as Connect details, so a gRPC-Web or Connect client decodes the same details a gRPC client does.
 * grpc-js's status codes and Connect's Code are the same numbers.
 */
export function statusError(code: number, message: string, detailsBin?: Uint8Array): ConnectError {
  const error = new ConnectError(message, code);
  if (detailsBin) {
    error.details = fromBinary(StatusSchema, detailsBin).details.map((any) => ({
      type: any.typeUrl.replace(/^.*\//, ''),
      value: any.value,
    }));
  }
  return error;
}
