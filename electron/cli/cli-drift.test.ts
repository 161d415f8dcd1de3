import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DriftReport } from '../../shared/model/drift';
import { startNodeServer, versionDir, type TestServer } from '../core/schema/drift/testdata/servers';
import { V1_TO_V2 } from '../core/schema/drift/testdata/expected';
import { cli } from './test-support/test-io';

const V1 = versionDir('v1');
const V2 = versionDir('v2');
let dir: string;
let server1: TestServer;
let server2: TestServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'loupe-cli-drift-'));
  server1 = await startNodeServer('v1', true);
  server2 = await startNodeServer('v2', true);
});
afterAll(async () => {
  server1?.stop();
  server2?.stop();
  await rm(dir, { recursive: true, force: true });
});

const atDefault = V1_TO_V2.filter((x) => x.category === 'WIRE' || x.category === 'WIRE_JSON');
const breakingAt = (rows: typeof V1_TO_V2) => rows.filter((x) => x.kind.startsWith('breaking-')).length;

describe('loupe drift', () => {
  it('two folders of protos: one line per finding, located, exit 2 when something breaks', async () => {
    const r = await cli(['drift', V1, V2]);
    expect(r.code).toBe(2);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(atDefault.length);
    for (const line of lines)
      expect(line).toMatch(/^\S+: (breaking-wire|breaking-json|breaking-source|hygiene|addition) [A-Z_]+: .+$/);
    expect(lines).toContain(
      'acme/users/v1/users.proto:30:3: breaking-wire FIELD_WIRE_COMPATIBLE_TYPE: field 3 of acme.users.v1.User was `string email`, is now `int64 email_id`: the wire encodings differ, so each side mis-reads what the other writes; it was renamed: JSON clients read and write it under another key',
    );
    expect(r.stderr).toBe(
      `loupe: ${breakingAt(atDefault)} breaking changes at WIRE_JSON, 2 hygiene, 6 additions: protos ${V1} -> protos ${V2}\n`,
    );
  });

  it('the same schema: no output, exit 0', async () => {
    const same = await cli(['drift', V2, V2, '--category', 'FILE']);
    expect(same).toEqual({
      code: 0,
      stdout: '',
      stderr: `loupe: nothing breaking at FILE, 0 hygiene, 0 additions: protos ${V2} -> protos ${V2}\n`,
    });
  });

  it('single .proto files as sides', async () => {
    const users = (dir: string) => join(dir, 'acme/users/v1/users.proto');
    const r = await cli(['drift', users(V1), users(V2), '--category', 'WIRE']);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(
      /^users.proto: breaking-wire SERVICE_NO_DELETE: service acme.users.v1.Legacy was removed/m,
    );
    expect(r.stdout).toMatch(/^users.proto:13:3: breaking-wire RPC_SAME_CLIENT_STREAMING: /m);
  });

  it('--category chooses what is reported and what fails', async () => {
    for (const category of ['WIRE', 'WIRE_JSON', 'PACKAGE', 'FILE'] as const) {
      const rank = ['WIRE', 'WIRE_JSON', 'PACKAGE', 'FILE'];
      const rows = V1_TO_V2.filter((x) => rank.indexOf(x.category) <= rank.indexOf(category));
      const r = await cli(['drift', V1, V2, '--category', category.toLowerCase()]);
      expect(r.code).toBe(2);
      expect(r.stdout.trimEnd().split('\n')).toHaveLength(rows.length);
    }
  });

  it('exit 0 when only hygiene and additions are found at the chosen strictness', async () => {
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    await mkdir(a);
    await mkdir(b);
    await writeFile(join(a, 'x.proto'), 'syntax = "proto3";\npackage x;\nmessage M {\n  string gone = 1;\n}\n');
    await writeFile(join(b, 'x.proto'), 'syntax = "proto3";\npackage x;\nmessage M {\n  string added = 2;\n}\n');
    const r = await cli(['drift', a, b]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'x.proto:3:1: hygiene FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED: field 1 of x.M (`string gone`) was removed without reserving its number and name: a later field could reuse it, and old clients would mis-read that field',
        'x.proto:4:3: addition FIELD_ADDED: field 2 of x.M (`string added`) was added',
        '',
      ].join('\n'),
    );
    // Removing the field breaks generated code: PACKAGE says so.
    expect((await cli(['drift', a, b, '--category', 'PACKAGE'])).code).toBe(2);
  });

  it('--reporter json prints the whole report', async () => {
    const r = await cli(['drift', V1, V2, '--reporter', 'json']);
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout) as DriftReport;
    expect(report.category).toBe('WIRE_JSON');
    expect(report.breaking).toBe(breakingAt(atDefault));
    expect(report.findings).toHaveLength(atDefault.length);
    expect(report.findings[0]).toMatchObject({ kind: 'breaking-wire', base: { file: 'acme/audit/v1/audit.proto' } });
  });

  it('--reporter junit prints JUnit XML: a test case per finding, breaking ones failed', async () => {
    const r = await cli(['drift', V1, V2, '--reporter', 'junit']);
    expect(r.code).toBe(2);
    const doc = new DOMParser().parseFromString(r.stdout, 'text/xml');
    const suites = doc.documentElement;
    expect(suites.nodeName).toBe('testsuites');
    const suite = suites.getElementsByTagName('testsuite')[0]!;
    expect(suite.getAttribute('name')).toBe(`loupe drift protos ${V1} -> protos ${V2} (WIRE_JSON)`);
    expect(Number(suite.getAttribute('tests'))).toBe(atDefault.length);
    expect(Number(suite.getAttribute('failures'))).toBe(breakingAt(atDefault));
    const cases = Array.from(suite.getElementsByTagName('testcase'));
    expect(cases).toHaveLength(atDefault.length);
    const failures = Array.from(suite.getElementsByTagName('failure'));
    expect(failures).toHaveLength(breakingAt(atDefault));
    const email = cases.find((c) => c.getAttribute('name') === 'FIELD_WIRE_COMPATIBLE_TYPE acme.users.v1.User.email')!;
    expect(email.getAttribute('classname')).toBe('acme/users/v1/users.proto');
    const failure = email.getElementsByTagName('failure')[0]!;
    expect(failure.getAttribute('type')).toBe('breaking-wire');
    expect(failure.getAttribute('message')).toMatch(
      /^field 3 of acme.users.v1.User was `string email`, is now `int64 email_id`/,
    );
    expect(failure.textContent).toMatch(/^acme\/users\/v1\/users.proto:30:3: field 3 of/);
    // Nothing found: one passing case, so dashboards do not read "nothing ran".
    const clean = await cli(['drift', V1, V1, '--reporter', 'junit']);
    expect(clean.code).toBe(0);
    const cleanSuite = new DOMParser().parseFromString(clean.stdout, 'text/xml').getElementsByTagName('testsuite')[0]!;
    expect(cleanSuite.getAttribute('failures')).toBe('0');
    expect(cleanSuite.getElementsByTagName('testcase')[0]!.getAttribute('name')).toBe('no changes at WIRE_JSON');
  });

  it('server against server, and server against protos, with a note on what a Node server cannot say', async () => {
    const r = await cli(['drift', '--plaintext', server1.address, server2.address]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^loupe: note: reflection ${server1.address} was described by protobufjs`));
    expect(r.stderr).toMatch(
      new RegExp(
        `loupe: \\d+ breaking changes at WIRE_JSON, .*: reflection ${server1.address} -> reflection ${server2.address}\\n$`,
      ),
    );
    expect((await cli(['drift', '--plaintext', server2.address, V2])).code).toBe(0);
    expect((await cli(['drift', '--plaintext', V1, server2.address])).code).toBe(2);
  });

  it('usage and input errors exit 1, distinct from breaking changes', async () => {
    const bad = [
      [
        ['drift', V1, V2, '--category', 'STRICT'],
        /--category must be one of WIRE, WIRE_JSON, PACKAGE, FILE, got 'STRICT'/,
      ],
      [['drift', V1, V2, '--reporter', 'xml'], /--reporter must be one of text, json, junit, got 'xml'/],
      [['drift', V1, join(dir, 'nope/v2')], /There is no file or folder '.*nope\/v2'/],
      [['drift', V1, join(dir, 'missing.binpb')], /Cannot read the protoset .*missing\.binpb: no such file/],
      [
        ['drift', V1, 'localhost:99999'],
        /The address 'localhost:99999' cannot be dialed: the port 99999 is out of range/,
      ],
      [['drift', V1], /missing required argument 'other'/],
    ] as const;
    for (const [argv, message] of bad) {
      const r = await cli([...argv]);
      expect(r.code, argv.join(' ')).toBe(1);
      expect(r.stderr).toMatch(message);
    }
  });

  it('a server that is not there: exit 1, saying so', async () => {
    const r = await cli(['drift', '--plaintext', '--connect-timeout', '5', V1, '127.0.0.1:1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^loupe: .*(refused|127\.0\.0\.1:1)/);
  });
});

describe('help', () => {
  it('names the sources, the strictness, the reporters and the exit codes', async () => {
    const drift = await cli(['drift', '--help']);
    expect(drift.code).toBe(0);
    for (const text of [
      '--category',
      '--reporter',
      '--import-path',
      '--plaintext',
      '--header',
      'Exit status: 0 when nothing breaks at the chosen category, 2 when something does, 1 on errors',
      '.binpb',
    ])
      expect(drift.stdout.replace(/\s+/g, ' ')).toContain(text);
    expect(drift.stdout).not.toContain('--protoset');
    const snapshot = await cli(['snapshot', '--help']);
    expect(snapshot.code).toBe(0);
    expect(snapshot.stdout).toContain('--output <file>');
  });
});

describe('loupe snapshot', () => {
  it('saves a server as a snapshot that drift then reads like the server', async () => {
    const out = join(dir, 'snapshots/prod.binpb');
    const r = await cli(['snapshot', '--plaintext', server1.address, '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      new RegExp(`^wrote ${out} and ${out}\\.txt: \\d+ files, 3 services, from reflection ${server1.address}\\n$`),
    );
    expect(existsSync(`${out}.txt`)).toBe(true);
    // The server it was taken from: nothing. The v2 protos: breaking, named by the snapshot's name and date.
    expect((await cli(['drift', '--plaintext', out, server1.address])).code).toBe(0);
    const drift = await cli(['drift', out, V2]);
    expect(drift.code).toBe(2);
    expect(drift.stderr).toMatch(new RegExp(`: snapshot prod \\(\\d{4}-\\d\\d-\\d\\d\\) -> protos ${V2}\\n$`));
  });

  it('of protos, with --name; and -o is required', async () => {
    const out = join(dir, 'v1.binpb');
    expect((await cli(['snapshot', V1, '-o', out, '--name', 'users v1'])).code).toBe(0);
    expect((await cli(['drift', out, V1, '--category', 'FILE'])).code).toBe(0);
    expect((await cli(['drift', out, V2])).stderr).toMatch(/: snapshot users v1 \(/);
    const missing = await cli(['snapshot', V1]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/required option '-o, --output <file>' not specified/);
  });
});
