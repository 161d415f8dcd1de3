import type { DriftReport } from './drift';

/** Plain JSON views of a loaded schema, derived from the descriptor registry. */

export type CallKind = 'unary' | 'server_streaming' | 'client_streaming' | 'bidi_streaming';

export interface MethodInfo {
  /** pkg.Service.Method */
  fullName: string;
  name: string;
  /** /pkg.Service/Method, the HTTP/2 path */
  path: string;
  kind: CallKind;
  /** Fully-qualified message names without the leading dot. */
  requestType: string;
  responseType: string;
  comment?: string;
  deprecated?: boolean;
}

export interface ServiceInfo {
  /** pkg.Service */
  fullName: string;
  name: string;
  package: string;
  file: string;
  comment?: string;
  deprecated?: boolean;
  methods: MethodInfo[];
}

export interface SchemaSummary {
  services: ServiceInfo[];
  /** Number of files in the registry. */
  fileCount: number;
  /** Which sources contributed, e.g. 'reflection v1', 'protoset a.pb'. */
  sources: string[];
  /** When the descriptors were fetched (ms since epoch); older than now when served from cache. */
  loadedAt: number;
  fromCache?: boolean;
  /**
   * After a refresh that changed something: what changed since the schema it replaced (every
   * finding, at FILE strictness). Absent on a first load and when nothing changed.
   */
  changes?: DriftReport;
}
