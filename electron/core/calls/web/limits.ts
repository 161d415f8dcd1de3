import { AppError } from '../../../../shared/model/errors';
import { protocolLimit } from '../../../../shared/model/protocol-limits';
import type { CallKind } from '../../../../shared/model/schema';
import type { TargetSettingsInput } from '../../../../shared/model/target';

/** Throws AppError UNSUPPORTED, before anything is sent, when the protocol cannot carry the call. */
export function checkProtocolLimit(target: TargetSettingsInput, kind: CallKind): void {
  const why = protocolLimit(target, kind);
  if (why) {
    throw new AppError('UNSUPPORTED', why, {
      details: { protocol: target.protocol, httpVersion: target.httpVersion, kind },
    });
  }
}
