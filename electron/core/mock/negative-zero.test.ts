import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromBinary } from '@bufbuild/protobuf';
import { describe, expect, it } from 'vitest';
import { compileAnswer } from './answer';
import { RuleFileWriter } from './record-file';
import { demoSchema } from './test-support/mock-fixture';

// A double's negative zero is a value of its own (proto3 JSON writes it -0): a mock answers it as
// the rule says, and a recording writes it so that replaying answers it again.

const schema = demoSchema();
const mirror = schema.method('loupe.demo.v1.Demo/Mirror');
const context = { metadata: {}, vars: {}, nextSeq: () => 1, now: () => 0 };

describe('a negative zero in mock rules', () => {
  it('is answered as negative zero, in a fixed body and beside a template', () => {
    for (const body of [
      { precise: -0, ratio: -0 },
      { precise: -0, ratio: -0, name: '{{request.name}}' },
    ]) {
      const answer = compileAnswer(body, mirror, schema.registry, 'body', () => undefined);
      const sent = fromBinary(
        mirror.output,
        answer.produce({ ...context, request: { name: 'n' } }).bytes,
      ) as unknown as {
        precise: number;
        ratio: number;
      };
      expect(Object.is(sent.precise, -0) && Object.is(sent.ratio, -0)).toBe(true);
    }
  });

  it('is recorded as -0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'loupe-record-'));
    await new RuleFileWriter(dir, () => undefined).record(mirror, { when: {}, body: { precise: -0 }, intervalMs: 0 });
    expect(readFileSync(join(dir, 'loupe.demo.v1.Demo.Mirror.json'), 'utf8')).toContain('"precise": -0');
  });
});
