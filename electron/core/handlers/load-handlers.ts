import type { loadContract } from '../../../shared/contract/load';
import { AppError, toErrorData } from '../../../shared/model/errors';
import type { Handlers } from '../../../shared/protocol/define';
import { resolve as resolveIn } from 'node:path';
import type { Authenticator } from '../auth';
import type { ChannelPool } from '../calls';
import type { LoadRunStore } from '../load/run-store';
import type { SecretSources } from '../workspace';
import { resolveLoadInputs } from './load-inputs';
import type { SchemaStore } from './schema-store';

export interface LoadDeps {
  schemas: SchemaStore;
  secrets: SecretSources;
  auth?: Authenticator;
  /** For the proxy settings every connection of the engine uses. */
  channels: ChannelPool;
  runs: LoadRunStore;
}

/** The load generator, its reports and the k6 export: loaded with the first of them a window uses. */
const loadModule = () => import('../load');

/** The contract's load-test entries for one connection: its runs stop when it closes. */
export function createLoadHandlers(deps: LoadDeps): Handlers<typeof loadContract> {
  const { mask } = deps.secrets;
  const running = new Map<string, AbortController>();
  return {
    'load.start': async ({ target, environment, plan }, sink) => {
      const { maskReport, newRunId, prepareLoad, runLoad } = await loadModule();
      const inputs = await resolveLoadInputs(plan, target, environment, deps.secrets);
      const schema = await deps.schemas.get(inputs.target);
      const prepared = await prepareLoad(plan, {
        ...inputs,
        schema,
        body: inputs.messages.join('\n'),
        auth: deps.auth,
        proxies: deps.channels.proxies,
      });
      const runId = newRunId();
      const stop = new AbortController();
      running.set(runId, stop);
      sink.signal.onCancel(() => stop.abort());
      // A window that falls behind gets the latest numbers rather than a queue of old ones.
      sink.coalesce(
        (last, next) => last.type === 'progress' && next.type === 'progress' && (Object.assign(last, next), true),
      );
      try {
        const report = maskReport(
          mask,
          await runLoad(prepared, { runId, signal: stop.signal, onProgress: (p) => sink.push(p) }),
        );
        await deps.runs.save(environment?.root ?? null, report);
        sink.push({ type: 'report', report });
        sink.end();
      } catch (err) {
        sink.end(toErrorData(err));
      } finally {
        running.delete(runId);
      }
    },
    'load.stop': ({ runId }) => {
      running.get(runId)?.abort();
      return null;
    },
    'load.runs': ({ root, limit }) => deps.runs.list(root, limit),
    'load.report': ({ root, runId }) => deps.runs.report(root, runId),
    'load.compare': async ({ root, base, other }) =>
      (await loadModule()).compareRuns(await deps.runs.report(root, base), await deps.runs.report(root, other)),
    'load.html': async ({ root, runId }) => (await loadModule()).htmlReport(await deps.runs.report(root, runId)),
    'load.exportK6': async ({ target, environment, plan }) => {
      const { exportK6, readDataFile } = await loadModule();
      const inputs = await resolveLoadInputs(plan, target, environment, deps.secrets);
      if (inputs.target.protocol !== 'grpc')
        throw new AppError('UNSUPPORTED', 'The k6 export speaks gRPC: k6/net/grpc has no gRPC-Web or Connect client');
      const schema = await deps.schemas.get(inputs.target);
      const method = schema.method(inputs.method);
      const data = plan.data ? await readDataFile(resolveIn(inputs.baseDir, plan.data.path)) : undefined;
      return exportK6({
        plan,
        target: inputs.target,
        method,
        schema,
        messages: inputs.messages,
        metadata: inputs.metadata,
        ...(data ? { data } : {}),
      });
    },
    'load.deleteRun': async ({ root, runId }) => {
      await deps.runs.delete(root, runId);
      return null;
    },
  };
}
