import { z } from 'zod';
import type { MockLogEvent, MockStarted } from '../model/mock';
import { EnvironmentSchema } from './environment';
import { TargetSettingsSchema } from '../model/target';
import { request, stream } from '../protocol/define';

/**
 * Mock servers started from the window: spread into loupeContract (contract/index.ts) so there
 * is still one contract. A mock belongs to the connection that started it and stops with it.
 */
const MockId = { mockId: z.string().min(1).max(128) };

export const mockContract = {
  /**
   * Serve the target's schema (as the tab loaded it, the environment applied) on a free loopback
   * port, plaintext gRPC, answering from the workspace's `mocks/` folder when it has one (files
   * that do not fit are named in `problems`, the rest served) and each method's sample otherwise.
   */
  'mock.start': request<MockStarted>()(
    z.object({
      target: TargetSettingsSchema,
      environment: EnvironmentSchema.optional(),
    }),
  ),
  /** Stop a mock; its log stream ends. Stopping one already stopped does nothing. */
  'mock.stop': request<null>()(z.object(MockId)),
  /** The calls a mock receives, as they end, until it stops (slow readers are told what they missed). */
  'mock.log': stream<MockLogEvent>()(z.object(MockId)),
};
