import { z } from 'zod';

/**
 * A workspace environment applied to a target in the engine: {{variables}} (secrets too, never
 * sent to the UI) in the address and authority, relative paths against the workspace folder.
 */
export const EnvironmentSchema = z.object({
  root: z.string().min(1).max(4096),
  name: z.string().min(1).max(200).nullable(),
});
