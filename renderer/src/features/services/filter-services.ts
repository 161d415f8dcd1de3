import type { ServiceInfo } from '../../../../shared/model/schema';

/** Services whose name matches, with all methods; otherwise only the methods that match. */
export function filterServices(services: ServiceInfo[], filter: string): ServiceInfo[] {
  const needle = filter.trim().toLowerCase();
  if (!needle) return services;
  const result: ServiceInfo[] = [];
  for (const service of services) {
    if (service.fullName.toLowerCase().includes(needle)) {
      result.push(service);
      continue;
    }
    const methods = service.methods.filter((m) => m.name.toLowerCase().includes(needle));
    if (methods.length > 0) result.push({ ...service, methods });
  }
  return result;
}
