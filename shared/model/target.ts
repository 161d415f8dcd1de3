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

/** A server that is up answers within milliseconds; one that is not should not hold a call long. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
export const MAX_CONNECT_TIMEOUT_MS = 86_400_000;

/** The connect timeout these settings ask for. */
export function connectTimeoutOf(t: { connectTimeoutMs?: number }): number {
  return t.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
}

/** 250 ms, 10 s, 1.5 s: durations in messages. */
export function formatDuration(ms: number): string {
  return ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`;
}

export const TargetSettingsSchema = z.object({
  /** host:port, dns:///host:port, unix:/path or unix:///path. */
  address: z.string().min(1, 'address is required'),
  tls: TlsSettingsSchema.default({ enabled: false, insecureSkipVerify: false }),
  /** :authority and TLS SNI override. */
  authority: z.string().optional(),
  maxSendMessageBytes: z.number().int().positive().optional(),
  maxReceiveMessageBytes: z.number().int().positive().optional(),
  keepaliveTimeMs: z.number().int().positive().optional(),
  /**
   * How long establishing the connection may take, apart from any call deadline (grpcurl's
   * -connect-timeout); DEFAULT_CONNECT_TIMEOUT_MS when absent.
   */
  connectTimeoutMs: z
    .number()
    .int()
    .positive()
    .max(MAX_CONNECT_TIMEOUT_MS, 'the connect timeout is at most a day')
    .optional(),
  compression: z.enum(['identity', 'gzip']).default('identity'),
  userAgent: z.string().optional(),
  schema: SchemaSourceSchema.default({ reflection: true, protoFiles: [], importPaths: [], protosets: [] }),
});
export type TargetSettings = z.infer<typeof TargetSettingsSchema>;
/** What callers may send: defaults filled in by the schema. */
export type TargetSettingsInput = z.input<typeof TargetSettingsSchema>;

/** A channel's connectivity, as gRPC names it. */
export type ConnectivityState = 'IDLE' | 'CONNECTING' | 'READY' | 'TRANSIENT_FAILURE' | 'SHUTDOWN';
