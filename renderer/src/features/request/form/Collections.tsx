import { useState } from 'react';
import { isObject, moveItem, renameKey } from '../../../../../shared/form/body-tree';
import { defaultFor } from '../../../../../shared/form/fields';
import { parseMapKey } from '../../../../../shared/form/scalars';
import type { FormField, FormScalar } from '../../../../../shared/model/message-form';
import { DraftInput } from './DraftInput';
import { pathId, useFormContext } from './form-context';
import type { InputProps } from './ScalarInputs';

/** A repeated field: its items in order; add, remove, move up and down. */
export function ListEditor({ field, value, path, what }: InputProps & { field: FormField }) {
  const { edit, form, idPrefix, parts } = useFormContext();
  const ValueInput = parts.Value;
  const items = Array.isArray(value) ? (value as unknown[]) : [];
  return (
    <div className="form-list" role="group" aria-label={`${what}: ${items.length} items`}>
      {items.map((item, i) => {
        const itemPath = [...path, i];
        const id = pathId(idPrefix, itemPath);
        const name = `${what}[${i}]`;
        return (
          <div className="form-item" key={i}>
            <label className="form-index" htmlFor={id}>
              [{i}]
            </label>
            <div className="form-item-value">
              <ValueInput type={field.type} id={id} value={item} path={itemPath} what={name} />
            </div>
            <span className="form-item-tools">
              <button
                type="button"
                aria-label={`Move ${name} up`}
                disabled={i === 0}
                onClick={() => edit(path, moveItem(items, i, i - 1))}
              >
                ↑
              </button>
              <button
                type="button"
                aria-label={`Move ${name} down`}
                disabled={i === items.length - 1}
                onClick={() => edit(path, moveItem(items, i, i + 1))}
              >
                ↓
              </button>
              <button
                type="button"
                aria-label={`Remove ${name}`}
                onClick={() =>
                  edit(
                    path,
                    items.filter((_, j) => j !== i),
                  )
                }
              >
                ✕
              </button>
            </span>
          </div>
        );
      })}
      <button type="button" onClick={() => edit(path, [...items, defaultFor(field.type, form)])}>
        Add to {field.jsonName}
      </button>
    </div>
  );
}

/**
 * A map: its entries as key and value; add, remove, rename, move. (Protobuf maps have no order on
 * the wire; entries keep the order the JSON gives them, except that JavaScript lists integer
 * keys in ascending order.)
 */
export function MapEditor({ field, value, path, what }: InputProps & { field: FormField }) {
  const { edit, form, idPrefix, parts } = useFormContext();
  const ValueInput = parts.Value;
  const [problem, setProblem] = useState<string | undefined>();
  const map = isObject(value) ? value : {};
  const entries = Object.entries(map);
  const keyKind: FormScalar = field.mapKey ?? 'string';
  const add = () => {
    const key = freeKey(keyKind, map);
    if (key === undefined) return setProblem(`${what}: both bool keys are in use`);
    setProblem(undefined);
    edit(path, Object.fromEntries([...entries, [key, defaultFor(field.type, form)]]));
  };
  return (
    <div className="form-map" role="group" aria-label={`${what}: ${entries.length} entries`}>
      {entries.map(([key, item], i) => {
        const itemPath = [...path, key];
        const id = pathId(idPrefix, itemPath);
        const name = `${what}[${JSON.stringify(key)}]`;
        return (
          <div className="form-item" key={`${i}`}>
            <span className="form-map-key">
              <DraftInput
                id={`${id}-key`}
                shown={key}
                what={`${name} key`}
                placeholder={`${keyKind} key`}
                parse={(text) => {
                  const parsed = parseMapKey(keyKind, text);
                  if (!parsed.ok) return parsed;
                  if (parsed.key !== key && Object.hasOwn(map, parsed.key))
                    return { ok: false, problem: 'that key is already in the map' };
                  return { ok: true, json: parsed.key };
                }}
                onValid={(k) => edit(path, renameKey(map, key, k as string))}
              />
            </span>
            <label className="form-index" htmlFor={id}>
              →
            </label>
            <div className="form-item-value">
              <ValueInput type={field.type} id={id} value={item} path={itemPath} what={name} />
            </div>
            <span className="form-item-tools">
              <button
                type="button"
                aria-label={`Remove ${name}`}
                onClick={() => edit(path, Object.fromEntries(entries.filter(([k]) => k !== key)))}
              >
                ✕
              </button>
            </span>
          </div>
        );
      })}
      <button type="button" onClick={add}>
        Add to {field.jsonName}
      </button>
      {problem && (
        <span className="form-problem" role="alert">
          {problem}
        </span>
      )}
    </div>
  );
}

/** A key not yet in the map: "key", "key2"... for strings; 0, 1... for integers; a free bool. */
function freeKey(kind: FormScalar, map: Record<string, unknown>): string | undefined {
  if (kind === 'bool') return ['false', 'true'].find((k) => !Object.hasOwn(map, k));
  for (let n = 0; n <= Object.keys(map).length; n++) {
    const key = kind === 'string' ? (n ? `key${n + 1}` : 'key') : String(n);
    if (!Object.hasOwn(map, key)) return key;
  }
  return undefined;
}
