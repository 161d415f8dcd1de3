import { useMemo } from 'react';
import { cancelSchemaLoad, openMethod } from '../../api';
import { activeSchema, useAppStore } from '../../state';
import { ErrorBox } from '../../ui/ErrorBox';
import { KindBadge } from '../../ui/KindBadge';
import { filterServices } from './filter-services';

/** The loaded schema's services and methods, filtered as you type. */
export function ServiceTree() {
  const schema = useAppStore(activeSchema);
  const filter = useAppStore((s) => s.serviceFilter);
  const selected = useAppStore((s) => s.selectedMethod);
  const setFilter = useAppStore((s) => s.setServiceFilter);
  const services = useMemo(
    () => (schema.status === 'ready' ? filterServices(schema.value.services, filter) : []),
    [schema, filter],
  );

  return (
    <nav className="service-tree" aria-label="Services">
      <input
        className="filter"
        type="search"
        aria-label="Filter methods"
        placeholder="Filter methods"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
      />
      {schema.status === 'idle' && <p className="hint">Enter a server address and press Reflect.</p>}
      {schema.status === 'loading' && (
        <p className="hint loading-row" role="status">
          Loading schema…
          <button type="button" onClick={cancelSchemaLoad}>
            Cancel
          </button>
        </p>
      )}
      {schema.status === 'error' && <ErrorBox title="Could not load the schema" error={schema.error} />}
      {schema.status === 'ready' && services.length === 0 && (
        <p className="hint">{filter ? 'No method matches the filter.' : 'The server exposes no services.'}</p>
      )}
      <ul className="services">
        {services.map((service) => (
          <li key={service.fullName}>
            <div className="service-name" title={service.comment}>
              {service.fullName}
            </div>
            <ul className="methods">
              {service.methods.map((m) => (
                <li key={m.fullName}>
                  <button
                    type="button"
                    className={`method ${selected === m.fullName ? 'selected' : ''}`}
                    aria-current={selected === m.fullName ? 'true' : undefined}
                    title={m.comment}
                    onClick={() => void openMethod(m.fullName)}
                  >
                    <KindBadge kind={m.kind} />
                    <span className={m.deprecated ? 'deprecated' : undefined}>{m.name}</span>
                  </button>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </nav>
  );
}
