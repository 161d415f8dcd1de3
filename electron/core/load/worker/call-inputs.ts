import { randomInt } from 'node:crypto';
import type * as grpc from '@grpc/grpc-js';
import { createFileRegistry, fromBinary } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import type { MetadataEntry } from '../../../../shared/model/call';
import { toGrpcMetadata } from '../../calls/metadata';
import { encodeRequest } from '../../calls/codec';
import { compileTemplate, type CallData } from '../placeholders';
import type { WorkerInit } from '../worker-protocol';

/** Distinct bodies kept encoded (a data file's rows repeat): beyond this, the oldest are let go. */
const ENCODED_CACHE = 10_000;

export interface CallInputs {
  messages(data: CallData): Buffer[];
  metadata(data: CallData): grpc.Metadata;
  row(seq: number): Record<string, string> | undefined;
  /** Auth renewed by the engine replaces the entries of the same names. */
  replaceMetadata(entries: MetadataEntry[]): void;
}

/**
 * What each call sends, built as cheaply as its templates allow: constant bodies are the bytes
 * the engine encoded once; templated ones are filled in per call and encoded with the project's
 * codec (cached by text, since a data file's rows come round again).
 */
export function callInputs(init: WorkerInit): CallInputs {
  const streamsIn = init.callKind === 'client_streaming' || init.callKind === 'bidi_streaming';
  const perStream = (list: number) => (streamsIn ? Math.max(1, init.streamMessages || list) : 1);
  let messages: (data: CallData) => Buffer[];
  if (init.bodies.kind === 'bytes') {
    const bytes = init.bodies.messages.map((m) => Buffer.from(m.buffer, m.byteOffset, m.byteLength));
    const all = Array.from({ length: perStream(bytes.length) }, (_, i) => bytes[i % bytes.length]!);
    messages = () => all;
  } else {
    const { files, inputType } = init.bodies;
    const registry = createFileRegistry(fromBinary(FileDescriptorSetSchema, files));
    const desc = registry.getMessage(inputType);
    if (!desc) throw new Error(`the request type ${inputType} is not in the schema sent to the worker`);
    const templates = init.bodies.messages.map((text) => compileTemplate(text, 'the request body', init.columns));
    const cache = new Map<string, Buffer>();
    const encode = (text: string, index: number | undefined) => {
      let bytes = cache.get(text);
      if (!bytes) {
        bytes = encodeRequest(desc, text, registry, { index }).bytes;
        if (cache.size >= ENCODED_CACHE) cache.delete(cache.keys().next().value!);
        cache.set(text, bytes);
      }
      return bytes;
    };
    const count = perStream(templates.length);
    messages = (data) =>
      Array.from({ length: count }, (_, i) =>
        encode(templates[i % templates.length]!.render(data), streamsIn ? i : undefined),
      );
  }

  let entries = init.metadata;
  let compiled = compileMetadata(entries, init.columns);
  const rows = init.rows;
  return {
    messages,
    metadata: (data) => compiled(data),
    row: (seq) =>
      rows?.length ? rows[init.pick === 'random' ? randomInt(rows.length) : seq % rows.length] : undefined,
    replaceMetadata: (renewed) => {
      const names = new Set(renewed.map((e) => e.name.toLowerCase()));
      entries = [...entries.filter((e) => !names.has(e.name.toLowerCase())), ...renewed];
      compiled = compileMetadata(entries, init.columns);
    },
  };
}

function compileMetadata(entries: MetadataEntry[], columns: string[] | undefined): (data: CallData) => grpc.Metadata {
  const templates = entries.map((e) => ({
    name: e.name,
    value: compileTemplate(e.value, `metadata '${e.name}'`, columns, { json: false }),
  }));
  if (templates.every((t) => t.value.constant)) {
    const fixed = toGrpcMetadata(entries);
    return () => fixed.clone();
  }
  return (data) => toGrpcMetadata(templates.map((t) => ({ name: t.name, value: t.value.render(data) })));
}
