import { toJson } from '@bufbuild/protobuf';
import { DescriptorProtoSchema } from '@bufbuild/protobuf/wkt';
import { describe, expect, it } from 'vitest';
import { file_grpc_reflection_v1_reflection } from './reflection-v1_pb.generated';
import { file_grpc_reflection_v1alpha_reflection } from './testdata/reflection-v1alpha_pb.generated';

describe('reflection session', () => {
  it("speaks v1alpha with v1's types: the same messages, fields and numbers under another package", () => {
    const messages = (file: typeof file_grpc_reflection_v1_reflection, pkg: string) =>
      file.proto.messageType.map((m) => JSON.stringify(toJson(DescriptorProtoSchema, m)).replaceAll(pkg, 'PKG'));
    const v1 = messages(file_grpc_reflection_v1_reflection, '.grpc.reflection.v1.');
    expect(v1.length).toBeGreaterThan(0);
    expect(messages(file_grpc_reflection_v1alpha_reflection, '.grpc.reflection.v1alpha.')).toEqual(v1);
  });
});
