import type { FileDescriptorProto, MethodDescriptorProto } from '@bufbuild/protobuf/wkt';
import type { CallKind, MethodInfo, ServiceInfo } from '../../../shared/model';
import { docAt } from './comments';
import { compareNames } from './name-order';

/**
 * Every service of the files as plain JSON, sorted by full name (packages group together).
 * Read from the descriptors, not a linked registry: the tree is what a schema shows first, and
 * listing all of googleapis this way needs no file linked (see lazy-registry.ts).
 */
export function serviceTree(files: Iterable<FileDescriptorProto>): ServiceInfo[] {
  const out: ServiceInfo[] = [];
  for (const file of files) {
    const prefix = file.package ? `${file.package}.` : '';
    file.service.forEach((service, s) => {
      const fullName = `${prefix}${service.name}`;
      const info: ServiceInfo = {
        fullName,
        name: service.name,
        package: file.package,
        file: file.name,
        methods: service.method.map((m, i) => methodInfo(file, fullName, m, [6, s, 2, i])),
      };
      const comment = docAt(file, [6, s]);
      if (comment) info.comment = comment;
      if (service.options?.deprecated) info.deprecated = true;
      out.push(info);
    });
  }
  return out.sort((a, b) => compareNames(a.fullName, b.fullName));
}

function methodKind(m: MethodDescriptorProto): CallKind {
  if (m.clientStreaming) return m.serverStreaming ? 'bidi_streaming' : 'client_streaming';
  return m.serverStreaming ? 'server_streaming' : 'unary';
}

function methodInfo(file: FileDescriptorProto, service: string, m: MethodDescriptorProto, path: number[]): MethodInfo {
  const info: MethodInfo = {
    fullName: `${service}.${m.name}`,
    name: m.name,
    path: `/${service}/${m.name}`,
    kind: methodKind(m),
    requestType: m.inputType.replace(/^\./, ''),
    responseType: m.outputType.replace(/^\./, ''),
  };
  const comment = docAt(file, path);
  if (comment) info.comment = comment;
  if (m.options?.deprecated) info.deprecated = true;
  return info;
}
