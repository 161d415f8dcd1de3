import type { SchemaSummary } from '../../../shared/model/schema';

/**
 * The method of the loaded schema a finding's symbol leads to: the method itself, or the first
 * method whose request or response is the message (or holds the field) named. Undefined when the
 * loaded schema has none (a symbol only the other side has, or a message no method uses).
 */
export function methodForSymbol(summary: SchemaSummary, symbol: string): string | undefined {
  const methods = summary.services.flatMap((svc) => svc.methods);
  const exact = methods.find((m) => m.fullName === symbol);
  if (exact) return exact.fullName;
  const service = summary.services.find((svc) => svc.fullName === symbol);
  if (service?.methods[0]) return service.methods[0].fullName;
  const uses = (type: string) => symbol === type || symbol.startsWith(`${type}.`);
  return methods.find((m) => uses(m.requestType) || uses(m.responseType))?.fullName;
}
