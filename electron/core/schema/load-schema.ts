import { resolve } from 'node:path';
import type * as grpc from '@grpc/grpc-js';
import type { FileDescriptorProto } from '@bufbuild/protobuf/wkt';
import type { SchemaSource } from '../../../shared/model';
import { compileProtoSchema } from './compile-protos';
import type { CompiledSchema } from './compiled-schema';
import { schemaError } from './errors';
import { readProtoset } from './protoset';
import { readReflectionCache, writeReflectionCache } from './reflection-cache';
import { reflectSchema } from './reflection-client';
import { sameDescriptor } from './prepare-files';
import { SchemaRegistry } from './registry';

export interface LoadSchemaOptions {
  /** Channel to the target; required when source.reflection is on. */
  client?: grpc.Client;
  metadata?: grpc.Metadata;
  deadlineMs?: number;
  /** Directory for the reflection cache and the compiled .proto cache; no caching without it. */
  cacheDir?: string;
  /** Cache key (the target address); defaults to the client's channel target. */
  cacheKey?: string;
  /** Ignore the cache and ask the server again. */
  refresh?: boolean;
  /** Relative .proto, import and protoset paths resolve against this (default: cwd). */
  baseDir?: string;
  /** Symbols to ask the server's reflection for besides its services (asking skips the cache). */
  symbols?: string[];
}

interface Part {
  label: string;
  /** Local sources (files the user chose) win over reflection when both have a file. */
  local: boolean;
  files: FileDescriptorProto[] | CompiledSchema;
}

/**
 * Loads every source a target names and merges them into one registry.
 * Precedence when two sources have a file with the same name but different content:
 * between local sources (.proto files, protosets) that is an error, since neither choice is
 * safe; a local file beats the server's reflected copy (the user chose it, and it carries
 * comments), noted in `warnings`.
 */
export async function loadSchema(source: SchemaSource, opts: LoadSchemaOptions = {}): Promise<SchemaRegistry> {
  const parts: Part[] = [];
  let loadedAt = Date.now();
  let fromCache = false;
  let listedServices: string[] | undefined;
  let unresolved: { symbol: string; answer: string }[] = [];
  const warnings: string[] = [];
  const baseDir = opts.baseDir;
  const resolvePath = (p: string) => (baseDir ? resolve(baseDir, p) : p);

  if (source.protoFiles.length > 0) {
    const cache = opts.cacheDir ? { dir: opts.cacheDir, warnings } : undefined;
    const files = await compileProtoSchema(source.protoFiles, source.importPaths, baseDir, cache);
    parts.push({
      label: `protos (${source.protoFiles.length} file${source.protoFiles.length === 1 ? '' : 's'})`,
      local: true,
      files,
    });
  }
  for (const p of source.protosets) {
    parts.push({ label: `protoset ${p}`, local: true, files: await readProtoset(resolvePath(p)) });
  }
  if (source.reflection) {
    if (!opts.client) throw schemaError('Server reflection needs a connection to the target, and none was given.');
    const key = opts.cacheKey ?? opts.client.getChannel().getTarget();
    const cached =
      opts.cacheDir && !opts.refresh && !opts.symbols?.length
        ? await readReflectionCache(opts.cacheDir, key)
        : undefined;
    if (cached) {
      parts.push({ label: `reflection ${cached.version}`, local: false, files: cached.files });
      loadedAt = cached.fetchedAt;
      fromCache = true;
      listedServices = cached.services;
    } else {
      const reflected = await reflectSchema(opts.client, {
        metadata: opts.metadata,
        deadlineMs: opts.deadlineMs,
        symbols: opts.symbols,
      });
      warnings.push(...reflected.warnings);
      listedServices = reflected.services;
      unresolved = reflected.unresolved;
      parts.push({ label: `reflection ${reflected.version}`, local: false, files: reflected.files });
      if (opts.cacheDir) {
        const entry = {
          key,
          fetchedAt: loadedAt,
          version: reflected.version,
          services: reflected.services,
          files: { encoded: reflected.fileBytes },
        };
        await writeReflectionCache(opts.cacheDir, entry).catch((err: unknown) =>
          warnings.push(`Could not write the schema cache: ${String(err)}`),
        );
      }
    }
  }
  if (parts.length === 0) {
    throw schemaError('No schema source: turn on server reflection, or add .proto files or protosets.');
  }

  const labels = parts.map((p) => p.label);
  // Compiled .proto files alone link lazily; with any other source, all of them are merged.
  const only = parts.length === 1 ? parts[0]!.files : undefined;
  const registry =
    only && !Array.isArray(only)
      ? SchemaRegistry.fromCompiled(only, labels, loadedAt)
      : SchemaRegistry.fromFiles(mergeParts(parts, warnings), labels, loadedAt);
  registry.fromCache = fromCache;
  registry.listedServices = listedServices;
  registry.warnings.push(...warnings);
  for (const { symbol, answer } of unresolved) registry.noteUnresolved(symbol, answer);
  return registry;
}

function mergeParts(parts: Part[], warnings: string[]): FileDescriptorProto[] {
  const chosen = new Map<string, { file: FileDescriptorProto; part: Part }>();
  // Local parts first so they take precedence over reflection.
  const ordered = [...parts.filter((p) => p.local), ...parts.filter((p) => !p.local)];
  for (const part of ordered) {
    for (const file of Array.isArray(part.files) ? part.files : part.files.files()) {
      const prior = chosen.get(file.name);
      if (!prior) {
        chosen.set(file.name, { file, part });
        continue;
      }
      if (sameDescriptor(prior.file, file)) continue;
      if (part.local) {
        throw schemaError(
          `"${file.name}" differs between ${prior.part.label} and ${part.label}. Use one of them, or make them agree.`,
          [{ file: file.name }],
        );
      }
      warnings.push(
        `"${file.name}" differs between ${prior.part.label} and the server (${part.label}); using ${prior.part.label}.`,
      );
    }
  }
  return [...chosen.values()].map((c) => c.file);
}
