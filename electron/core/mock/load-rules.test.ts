import { describe, expect, it } from 'vitest';
import { loadRules } from './load-rules';
import { demoSchema, rulesDir } from './test-support/mock-fixture';

/* Bad rule files are named with the file and the field, and left out; the good ones still load. */

const schema = demoSchema();
const echo = (rules: unknown[]) => ({ method: 'loupe.demo.v1.Demo/Echo', rules });

describe('loadRules', () => {
  it('names each bad file with its reason, and keeps the good ones', async () => {
    const dir = rulesDir({
      'a-good.json': echo([{ body: { message: 'ok' } }]),
      'b-syntax.json': '{\n  "method": "loupe.demo.v1.Demo/Echo",\n  "rules": [\n    { "body": } ]\n}',
      'c-method.json': { method: 'loupe.demo.v1.Demo/Ecco', rules: [] },
      'd-kind.json': echo([{ reply: { message: 'x' } }]),
      'e-field.json': echo([{ body: { mesage: 'typo' } }]),
      'f-regex.json': echo([{ when: { request: { message: { regex: '(' } } }, body: {} }]),
      'g-template.json': echo([{ body: { message: '{{reqest.message}}' } }]),
      'h-path.json': echo([{ when: { request: { 'fail.cod': 1 } }, body: {} }]),
      'i-status.json': echo([{ status: { code: 'NOPE' } }]),
      'j-format.json': echo([{ body: {}, delayMs: -1 }]),
      'k-proto-name.json': echo([{ when: { request: { delay_ms: 1 } }, body: {} }]),
      'not-rules.txt': 'ignored: not a .json file',
    });
    const rules = await loadRules(dir, schema, dir);
    expect(rules.files).toEqual(['a-good.json']);
    expect([...rules.byPath.keys()]).toEqual(['/loupe.demo.v1.Demo/Echo']);
    expect(rules.problems).toEqual([
      expect.stringMatching(/^b-syntax\.json:4:15: invalid JSON: expected a value/),
      expect.stringMatching(/^c-method\.json: method: No method "loupe\.demo\.v1\.Demo\/Ecco".*Echo/),
      'd-kind.json: rules[0]: reply: Echo is unary; its rules answer with body (or status)',
      expect.stringMatching(/^e-field\.json: rules\[0\]: body is not a valid loupe\.demo\.v1\.EchoResponse: .*mesage/),
      expect.stringMatching(/^f-regex\.json: rules\[0\]: when\.request\.message: the regex "\(" is not valid/),
      expect.stringMatching(
        /^g-template\.json: rules\[0\]: body\.message: \{\{reqest\.message\}\} is not a template expression/,
      ),
      expect.stringMatching(
        /^h-path\.json: rules\[0\]: when\.request\.fail\.cod: loupe\.demo\.v1\.Failure has no field 'cod'/,
      ),
      expect.stringMatching(/^i-status\.json: rules\[0\]: status\.code: "NOPE" is not a gRPC error code/),
      expect.stringMatching(/^j-format\.json: rules\[0\]\.delayMs/),
      "k-proto-name.json: rules[0]: when.request.delay_ms: requests are matched in JSON form: write 'delayMs', not 'delay_ms'",
    ]);
  });

  it('refuses a rules folder that is not there, naming it', async () => {
    await expect(loadRules('/nonexistent/mocks', schema)).rejects.toThrow(
      'Cannot read the mock rules folder /nonexistent/mocks: it does not exist',
    );
  });
});
