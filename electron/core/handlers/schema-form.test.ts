import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/model/errors';
import { useEngineWithDemo } from '../test-support/engine-with-demo';

/* schema.form over the contract, against the demo server's reflected schema. */

const kit = useEngineWithDemo();

describe('schema.form', () => {
  it("describes a reflected message: its oneof, its enum's comments, an Any's candidate types", async () => {
    const { client } = kit.connect();
    const form = await client.request('schema.form', {
      target: { address: kit.demo.address },
      typeName: 'loupe.demo.v1.Sample',
    });
    const sample = form.messages['loupe.demo.v1.Sample']!;
    expect(sample.oneofs).toEqual([{ name: 'contact', members: ['email', 'phone', 'address'] }]);
    expect(sample.fields.find((f) => f.name === 'maybe')?.explicitPresence).toBe(true);
    expect(sample.fields.find((f) => f.name === 'big_signed')?.comment).toContain('64-bit integers');
    expect(form.enums['loupe.demo.v1.Color']!.values[0]).toEqual({
      name: 'COLOR_UNSPECIFIED',
      number: 0,
      comment: 'Proto3 enums start at zero; zero means "not set".',
    });
    expect(form.messages['loupe.demo.v1.Sample.Point']!.fields.map((f) => f.name)).toEqual(['x', 'y', 'label']);
    expect(form.anyTypes).toContain('loupe.demo.v1.EchoRequest');
  });

  it('refuses a type the schema does not have, naming it', async () => {
    const { client } = kit.connect();
    const error = await client
      .request('schema.form', { target: { address: kit.demo.address }, typeName: 'loupe.demo.v1.Nope' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('NOT_FOUND');
    expect((error as AppError).message).toContain('loupe.demo.v1.Nope');
  });
});
