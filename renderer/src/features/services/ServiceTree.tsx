import { ChevronDown, ChevronRight, ListTree } from 'lucide-react';
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { cancelSchemaLoad, openMethod } from '../../api';
import { activeSchema, useAppStore } from '../../state';
import { Button } from '../../ui/Button';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorBox } from '../../ui/ErrorBox';
import { KindBadge } from '../../ui/KindBadge';
import { Spinner } from '../../ui/Spinner';
import { filterServices } from './filter-services';
import { treeKeyTarget } from './tree-keys';

/**
 * The loaded schema's services and methods, filtered as you type: a tree (one tab stop; arrows
 * move, Right/Left open and close a service, Enter opens a method).
 */
export function ServiceTree() {
  const schema = useAppStore(activeSchema);
  const filter = useAppStore((s) => s.serviceFilter);
  const selected = useAppStore((s) => s.selectedMethod);
  const setFilter = useAppStore((s) => s.setServiceFilter);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [focused, setFocused] = useState<string | undefined>();
  const tree = useRef<HTMLUListElement>(null);
  const services = useMemo(
    () => (schema.status === 'ready' ? filterServices(schema.value.services, filter) : []),
    [schema, filter],
  );
  // A filter shows every match: collapsing hides nothing while one is typed.
  const isOpen = (service: string): boolean => filter !== '' || !collapsed.has(service);
  const toggle = (service: string, open = !isOpen(service)): void => {
    const next = new Set(collapsed);
    if (open) next.delete(service);
    else next.add(service);
    setCollapsed(next);
  };
  // The tree's one tab stop: the item last focused, else the open method, else the first method.
  const visible = services.flatMap((s) => [
    s.fullName,
    ...(isOpen(s.fullName) ? s.methods.map((m) => m.fullName) : []),
  ]);
  const firstMethod = services.find((s) => isOpen(s.fullName))?.methods[0]?.fullName;
  const tabStop = [focused, selected, firstMethod, visible[0]].find((id) => id !== undefined && visible.includes(id));

  const focusItem = (id: string): void => {
    setFocused(id);
    tree.current?.querySelector<HTMLElement>(`[data-tree-id="${CSS.escape(id)}"]`)?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>, id: string, service?: string): void => {
    const modified = event.ctrlKey || event.metaKey || event.altKey;
    const move = treeKeyTarget(event.key, {
      id,
      parent: service,
      visible,
      open: service ? undefined : isOpen(id),
      modified,
    });
    if (!move) return;
    event.preventDefault();
    event.stopPropagation();
    if (move.kind === 'focus') focusItem(move.id);
    else if (move.kind === 'toggle') toggle(id, move.open);
    else void openMethod(id);
  };

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
      {schema.status === 'idle' && (
        <EmptyState compact icon={<ListTree size={18} />} title="No schema loaded">
          <p>Enter a server address above and press Reflect, or open Connection settings to load .proto files.</p>
        </EmptyState>
      )}
      {schema.status === 'loading' && (
        <div className="hint loading-row" role="status">
          <Spinner size={14} />
          <span>Loading schema…</span>
          <Button size="sm" onClick={cancelSchemaLoad}>
            Cancel
          </Button>
        </div>
      )}
      {schema.status === 'error' && <ErrorBox title="Could not load the schema" error={schema.error} />}
      {schema.status === 'ready' && services.length === 0 && (
        <p className="hint">{filter ? 'No method matches the filter.' : 'The server exposes no services.'}</p>
      )}
      {services.length > 0 && (
        // A flat tree (aria-level on each item): a service item holds only its own name, so what
        // it says is what it shows; its methods follow it as level-2 items.
        <ul className="services" role="tree" aria-label="Methods" ref={tree}>
          {services.flatMap((service) => {
            const open = isOpen(service.fullName);
            const head = (
              <li
                key={service.fullName}
                role="treeitem"
                aria-level={1}
                aria-expanded={open}
                aria-selected={false}
                data-tree-id={service.fullName}
                tabIndex={tabStop === service.fullName ? 0 : -1}
                className="service-name"
                title={service.comment ? `${service.fullName}\n\n${service.comment}` : service.fullName}
                onClick={() => toggle(service.fullName)}
                onKeyDown={(e) => onKeyDown(e, service.fullName)}
                onFocus={() => setFocused(service.fullName)}
              >
                {open ? <ChevronDown size={14} aria-hidden="true" /> : <ChevronRight size={14} aria-hidden="true" />}
                <span className="service-label">{service.fullName}</span>
              </li>
            );
            if (!open) return [head];
            return [
              head,
              ...service.methods.map((m) => (
                <li
                  key={m.fullName}
                  role="treeitem"
                  aria-level={2}
                  aria-selected={selected === m.fullName}
                  data-tree-id={m.fullName}
                  tabIndex={tabStop === m.fullName ? 0 : -1}
                  className={`method ${selected === m.fullName ? 'selected' : ''}`}
                  title={m.comment ? `${m.fullName}\n\n${m.comment}` : m.fullName}
                  onClick={() => void openMethod(m.fullName)}
                  onKeyDown={(e) => onKeyDown(e, m.fullName, service.fullName)}
                  onFocus={() => setFocused(m.fullName)}
                >
                  <KindBadge kind={m.kind} />
                  <span className={`method-name${m.deprecated ? ' deprecated' : ''}`}>{m.name}</span>
                </li>
              )),
            ];
          })}
        </ul>
      )}
    </nav>
  );
}
