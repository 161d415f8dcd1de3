import { z } from 'zod';

/**
 * How to reach a server. Paths point at files on the engine's machine; the engine reads them.
 * Every field has a default so a bare address is a valid target.
 */
export const TlsSettingsSchema = z.object({
  /** false = plaintext (h2c). */
  enabled: z.boolean().default(false),
  /** PEM bundle of trusted roots; system roots when absent. */
  caPath: z.string().optional(),
  /** Client certificate and key for mTLS. */
  certPath: z.string().optional(),
  keyPath: z.string().optional(),
  /** Accept any server certificate. Shown as insecure wherever it is on. */
  insecureSkipVerify: z.boolean().default(false),
});
export type TlsSettings = z.infer<typeof TlsSettingsSchema>;

export const SchemaSourceSchema = z.object({
  /** Ask the server (grpc.reflection.v1, then v1alpha). */
  reflection: z.boolean().default(true),
  /** .proto files and the import paths to resolve them, like protoc's -I. */
  protoFiles: z.array(z.string()).default([]),
  importPaths: z.array(z.string()).default([]),
  /** FileDescriptorSet files (protoc --descriptor_set_out, buf build -o). */
  protosets: z.array(z.string()).default([]),
});
export type SchemaSource = z.infer<typeof SchemaSourceSchema>;

export const TargetSettingsSchema = z.object({
  /** host:port, dns:///host:port, unix:/path or unix:///path. */
  address: z.string().min(1, 'address is required'),
  tls: TlsSettingsSchema.default({ enabled: false, insecureSkipVerify: false }),
  /** :authority and TLS SNI override. */
  authority: z.string().optional(),
  maxSendMessageBytes: z.number().int().positive().optional(),
  maxReceiveMessageBytes: z.number().int().positive().optional(),
  keepaliveTimeMs: z.number().int().positive().optional(),
  compression: z.enum(['identity', 'gzip']).default('identity'),
  userAgent: z.string().optional(),
  schema: SchemaSourceSchema.default({ reflection: true, protoFiles: [], importPaths: [], protosets: [] }),
});
export type TargetSettings = z.infer<typeof TargetSettingsSchema>;
/** What callers may send: defaults filled in by the schema. */
export type TargetSettingsInput = z.input<typeof TargetSettingsSchema>;

/** A channel's connectivity, as gRPC names it. */
export type ConnectivityState = 'IDLE' | 'CONNECTING' | 'READY' | 'TRANSIENT_FAILURE' | 'SHUTDOWN';
