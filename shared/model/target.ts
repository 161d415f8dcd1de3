import { z } from 'zod';
import { AuthSettingsSchema } from './auth';

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

/**
 * The wire protocol a target speaks. 'grpc' is @grpc/grpc-js over HTTP/2; the others go through
 * @connectrpc/connect-node: gRPC-Web (binary frames), gRPC-Web text (the same frames in base64,
 * what browsers behind Envoy send) and Connect (JSON or binary messages).
 */
export const PROTOCOLS = ['grpc', 'grpc-web', 'grpc-web-text', 'connect'] as const;
export type Protocol = (typeof PROTOCOLS)[number];
export const HTTP_VERSIONS = ['2', '1.1'] as const;
export type HttpVersion = (typeof HTTP_VERSIONS)[number];
export const CONNECT_CODECS = ['binary', 'json'] as const;
export type ConnectCodec = (typeof CONNECT_CODECS)[number];

/** How people name each protocol in messages and the UI. */
export const PROTOCOL_LABELS: Record<Protocol, string> = {
  grpc: 'gRPC',
  'grpc-web': 'gRPC-Web',
  'grpc-web-text': 'gRPC-Web text',
  connect: 'Connect',
};

/** The HTTP version a call really uses: gRPC is HTTP/2 whatever the setting says. */
export function httpVersionOf(t: { protocol?: Protocol; httpVersion?: HttpVersion }): HttpVersion {
  return (t.protocol ?? 'grpc') === 'grpc' ? '2' : (t.httpVersion ?? '2');
}

export const TargetSettingsSchema = z.object({
  /** host:port, dns:///host:port, unix:/path or unix:///path. */
  address: z.string().min(1, 'address is required'),
  /** The wire protocol; 'grpc' when absent, so every target saved before protocols existed loads as it was. */
  protocol: z.enum(PROTOCOLS).default('grpc'),
  /** HTTP/2 (h2c in plaintext, ALPN h2 with TLS) or HTTP/1.1; gRPC always uses HTTP/2. */
  httpVersion: z.enum(HTTP_VERSIONS).default('2'),
  /** Connect only: protobuf binary or JSON messages on the wire. */
  connectCodec: z.enum(CONNECT_CODECS).default('binary'),
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
  /**
   * The proxy every connection to this target goes through: `http://user:pass@host:port`,
   * `https://…` (TLS to the proxy), `socks5://…`, or "none" for a direct connection. Absent: the
   * workspace environment's proxy, else HTTPS_PROXY/HTTP_PROXY/NO_PROXY, else the system's. The
   * password may be a {{secret}} variable.
   */
  proxy: z.string().trim().min(1, 'the proxy is a URL or "none"; leave it out to use the environment\'s').optional(),
  schema: SchemaSourceSchema.default({ reflection: true, protoFiles: [], importPaths: [], protosets: [] }),
  /** Who is calling: sent with every call and schema load (shared/model/auth.ts). */
  auth: AuthSettingsSchema.optional(),
});
export type TargetSettings = z.infer<typeof TargetSettingsSchema>;
/** What callers may send: defaults filled in by the schema. */
export type TargetSettingsInput = z.input<typeof TargetSettingsSchema>;

/** A channel's connectivity, as gRPC names it. */
export type ConnectivityState = 'IDLE' | 'CONNECTING' | 'READY' | 'TRANSIENT_FAILURE' | 'SHUTDOWN';
