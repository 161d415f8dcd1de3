import {
  isFieldSet,
  ScalarType,
  type AnyDesc,
  type DescEnum,
  type DescExtension,
  type DescField,
  type DescFile,
  type DescMessage,
  type DescMethod,
  type DescService,
  type Registry,
} from '@bufbuild/protobuf';
import {
  FieldDescriptorProto_Label,
  FieldDescriptorProto_Type,
  FieldOptionsSchema,
  FileOptionsSchema,
} from '@bufbuild/protobuf/wkt';
import { commentsOf } from './comments';
import { extensionLookup } from './lazy-registry';

/**
 * Proto-like source text for a service, method, message, enum or extension, in the spirit of
 * `grpcurl describe`: a first line saying what the symbol is, then its declaration with comments.
 * Type references are fully qualified with a leading dot so they are unambiguous.
 * A message is followed by the extensions of it that `registry` knows, wherever declared.
 */
export function describeDesc(desc: AnyDesc, registry?: Registry): string {
  switch (desc.kind) {
    case 'service':
      return `${desc.typeName} is a service:\n${serviceText(desc, '')}`;
    case 'rpc':
      return `${desc.parent.typeName}.${desc.name} is a method:\n${methodText(desc, '')}`;
    case 'message':
      return `${desc.typeName} is a message:\n${messageText(desc, '')}${registry ? knownExtensionsText(desc, registry) : ''}`;
    case 'enum':
      return `${desc.typeName} is an enum:\n${enumText(desc, '')}`;
    case 'extension':
      return `${desc.typeName} is an extension of ${desc.extendee.typeName}:\nextend .${desc.extendee.typeName} {\n${fieldText(desc, '  ')}}\n`;
    case 'field':
      return `${desc.parent.typeName}.${desc.name} is a field:\n${fieldText(desc, '')}`;
    case 'enum_value':
      return `${desc.parent.typeName}.${desc.name} is an enum value:\n${desc.name} = ${desc.number};\n`;
    default:
      return `${desc.toString()}\n`;
  }
}

/**
 * A whole file in proto syntax, in the same style (types fully qualified, comments kept, options
 * Loupe understands written out): the readable form of a snapshot, for reviews and diffs.
 */
export function describeFile(file: DescFile): string {
  const p = file.proto;
  let out = p.syntax === 'editions' ? `edition = "${p.edition}";\n` : `syntax = "${p.syntax || 'proto2'}";\n`;
  if (p.package) out += `\npackage ${p.package};\n`;
  if (p.dependency.length) out += `\n${p.dependency.map((d) => `import "${d}";\n`).join('')}`;
  const options = FileOptionsSchema.fields.filter(
    (f) => f.fieldKind !== 'list' && f.fieldKind !== 'message' && p.options && isFieldSet(p.options, f),
  );
  if (options.length) {
    out += '\n';
    for (const f of options) {
      const value = (p.options as unknown as Record<string, unknown>)[f.localName];
      const text =
        f.fieldKind === 'enum'
          ? (f.enum.values.find((v) => v.number === value)?.name ?? String(value))
          : JSON.stringify(value);
      out += `option ${f.name} = ${text};\n`;
    }
  }
  const blocks = [
    ...file.services.map((s) => serviceText(s, '')),
    ...file.messages.map((m) => messageText(m, '')),
    ...file.enums.map((e) => enumText(e, '')),
    ...file.extensions.map((x) => `extend .${x.extendee.typeName} {\n${fieldText(x, '  ')}}\n`),
  ];
  return blocks.length ? `${out}\n${blocks.join('\n')}` : out;
}

function comment(desc: AnyDesc, indent: string): string {
  const { leading } = commentsOf(desc);
  return leading
    ? leading
        .split('\n')
        .map((l) => `${indent}//${l ? ` ${l}` : ''}\n`)
        .join('')
    : '';
}

function serviceText(s: DescService, indent: string): string {
  let out = comment(s, indent) + `${indent}service ${s.name} {\n`;
  if (s.proto.options?.deprecated) out += `${indent}  option deprecated = true;\n`;
  for (const m of s.methods) out += methodText(m, `${indent}  `);
  return out + `${indent}}\n`;
}

function methodText(m: DescMethod, indent: string): string {
  const client = m.methodKind === 'client_streaming' || m.methodKind === 'bidi_streaming' ? 'stream ' : '';
  const server = m.methodKind === 'server_streaming' || m.methodKind === 'bidi_streaming' ? 'stream ' : '';
  const head = `${indent}rpc ${m.name} ( ${client}.${m.input.typeName} ) returns ( ${server}.${m.output.typeName} )`;
  const body = m.deprecated ? ` {\n${indent}  option deprecated = true;\n${indent}}\n` : ';\n';
  return comment(m, indent) + head + body;
}

function messageText(msg: DescMessage, indent: string): string {
  let out = comment(msg, indent) + `${indent}message ${msg.name} {\n`;
  const inner = `${indent}  `;
  if (msg.proto.options?.deprecated) out += `${inner}option deprecated = true;\n`;
  for (const member of msg.members) {
    if (member.kind === 'oneof') {
      out += comment(member, inner) + `${inner}oneof ${member.name} {\n`;
      for (const f of member.fields) out += fieldText(f, `${inner}  `, true);
      out += `${inner}}\n`;
    } else {
      out += fieldText(member, inner);
    }
  }
  for (const range of msg.proto.reservedRange) {
    out += `${inner}reserved ${range.start === range.end - 1 ? range.start : `${range.start} to ${range.end - 1}`};\n`;
  }
  if (msg.proto.reservedName.length)
    out += `${inner}reserved ${msg.proto.reservedName.map((n) => JSON.stringify(n)).join(', ')};\n`;
  for (const range of msg.proto.extensionRange) {
    out += `${inner}extensions ${range.start} to ${range.end - 1 >= 536870911 ? 'max' : range.end - 1};\n`;
  }
  for (const nested of msg.nestedMessages) {
    if (!nested.proto.options?.mapEntry) out += messageText(nested, inner);
  }
  for (const e of msg.nestedEnums) out += enumText(e, inner);
  if (msg.nestedExtensions.length) {
    for (const ext of msg.nestedExtensions)
      out += `${inner}extend .${ext.extendee.typeName} {\n${fieldText(ext, `${inner}  `)}${inner}}\n`;
  }
  return out + `${indent}}\n`;
}

/**
 * One extend block of every known extension of `msg`, by number, each named as proto3 JSON and
 * text format spell it (`[pkg.ext]`), since an extension's name is scoped where it is declared.
 */
function knownExtensionsText(msg: DescMessage, registry: Registry): string {
  const extensions = [...extensionLookup(registry)(msg.typeName)];
  if (extensions.length === 0) return '';
  const lines = extensions
    .sort((a, b) => a.number - b.number)
    .map((x) => fieldText(x, '  ').replace(/;\n$/, `; // [${x.typeName}]\n`));
  return `extend .${msg.typeName} {\n${lines.join('')}}\n`;
}

function enumText(e: DescEnum, indent: string): string {
  let out = comment(e, indent) + `${indent}enum ${e.name} {\n`;
  if (e.proto.options?.allowAlias) out += `${indent}  option allow_alias = true;\n`;
  for (const v of e.values) {
    const opts = v.deprecated ? ' [deprecated = true]' : '';
    out += comment(v, `${indent}  `) + `${indent}  ${v.name} = ${v.number}${opts};\n`;
  }
  return out + `${indent}}\n`;
}

function fieldText(f: DescField | DescExtension, indent: string, inOneof = false): string {
  const label = labelOf(f, inOneof);
  const opts: string[] = [];
  if (f.proto.jsonName && f.proto.jsonName !== defaultJsonName(f.name))
    opts.push(`json_name = ${JSON.stringify(f.proto.jsonName)}`);
  if (f.proto.defaultValue !== undefined && f.proto.defaultValue !== '') {
    opts.push(
      `default = ${f.fieldKind === 'scalar' && (f.scalar === ScalarType.STRING || f.scalar === ScalarType.BYTES) ? JSON.stringify(f.proto.defaultValue) : f.proto.defaultValue}`,
    );
  }
  if (f.deprecated) opts.push('deprecated = true');
  if (f.proto.options && isFieldSet(f.proto.options, FieldOptionsSchema.field.packed))
    opts.push(`packed = ${f.proto.options.packed}`);
  const optText = opts.length ? ` [${opts.join(', ')}]` : '';
  return comment(f, indent) + `${indent}${label}${typeOf(f)} ${groupName(f) ?? f.name} = ${f.number}${optText};\n`;
}

function labelOf(f: DescField | DescExtension, inOneof: boolean): string {
  if (f.fieldKind === 'list') return 'repeated ';
  if (f.fieldKind === 'map' || inOneof) return '';
  if (f.proto.label === FieldDescriptorProto_Label.REQUIRED) return 'required ';
  if (f.proto.proto3Optional) return 'optional ';
  const syntax = (f.kind === 'field' ? f.parent.file : f.file).proto.syntax;
  if (f.proto.label === FieldDescriptorProto_Label.OPTIONAL && (syntax === 'proto2' || syntax === ''))
    return 'optional ';
  return '';
}

function typeOf(f: DescField | DescExtension): string {
  switch (f.fieldKind) {
    case 'scalar':
      return scalarName(f.scalar);
    case 'enum':
      return `.${f.enum.typeName}`;
    case 'message':
      return f.proto.type === FieldDescriptorProto_Type.GROUP ? `group` : `.${f.message.typeName}`;
    case 'list':
      return f.listKind === 'scalar'
        ? scalarName(f.scalar)
        : f.listKind === 'enum'
          ? `.${f.enum.typeName}`
          : `.${f.message.typeName}`;
    case 'map': {
      const v =
        f.mapKind === 'scalar'
          ? scalarName(f.scalar)
          : f.mapKind === 'enum'
            ? `.${f.enum.typeName}`
            : `.${f.message.typeName}`;
      return `map<${scalarName(f.mapKey)}, ${v}>`;
    }
  }
}

function scalarName(t: ScalarType): string {
  return ScalarType[t].toLowerCase();
}

function defaultJsonName(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()).replace(/_/g, '');
}

/** A proto2 group is declared with its message's name ("group Shipping = 5"). */
function groupName(f: DescField | DescExtension): string | undefined {
  return f.proto.type === FieldDescriptorProto_Type.GROUP && f.fieldKind === 'message' ? f.message.name : undefined;
}
