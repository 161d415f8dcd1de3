import type { loadContract } from '../../../shared/contract/load';
import { AppError } from '../../../shared/model/errors';
import type { Handlers } from '../../../shared/protocol/define';

const notYet = (): never => {
  throw new AppError('UNSUPPORTED', 'Load tests are not available in this build yet.');
};

/** The contract's load-test entries for one connection. */
export function createLoadHandlers(): Handlers<typeof loadContract> {
  return {
    'load.start': notYet,
    'load.stop': notYet,
    'load.runs': notYet,
    'load.report': notYet,
    'load.compare': notYet,
    'load.html': notYet,
    'load.exportK6': notYet,
    'load.deleteRun': notYet,
  };
}
