import type { DescMethod, DescService, FileRegistry } from '@bufbuild/protobuf';
import type { CallKind, MethodInfo, ServiceInfo } from '../../../shared/model';
import { docOf } from './comments';

const KINDS: Record<DescMethod['methodKind'], CallKind> = {
  unary: 'unary',
  server_streaming: 'server_streaming',
  client_streaming: 'client_streaming',
  bidi_streaming: 'bidi_streaming',
};

/** Every service in the registry as plain JSON, sorted by full name (packages group together). */
export function serviceTree(registry: FileRegistry): ServiceInfo[] {
  const out: ServiceInfo[] = [];
  for (const file of registry.files) {
    for (const service of file.services) out.push(serviceInfo(service));
  }
  return out.sort((a, b) => a.fullName.localeCompare(b.fullName));
}

function serviceInfo(service: DescService): ServiceInfo {
  const info: ServiceInfo = {
    fullName: service.typeName,
    name: service.name,
    package: service.file.proto.package,
    file: service.file.proto.name,
    methods: service.methods.map(methodInfo),
  };
  const comment = docOf(service);
  if (comment) info.comment = comment;
  if (service.proto.options?.deprecated) info.deprecated = true;
  return info;
}

function methodInfo(method: DescMethod): MethodInfo {
  const info: MethodInfo = {
    fullName: `${method.parent.typeName}.${method.name}`,
    name: method.name,
    path: `/${method.parent.typeName}/${method.name}`,
    kind: KINDS[method.methodKind],
    requestType: method.input.typeName,
    responseType: method.output.typeName,
  };
  const comment = docOf(method);
  if (comment) info.comment = comment;
  if (method.deprecated) info.deprecated = true;
  return info;
}
