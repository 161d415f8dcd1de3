import { createContext, useContext, type ComponentType } from 'react';
import type { JsonPath } from '../../../../../shared/form/body-tree';
import type { FormMessage, FormValueType, MessageForm } from '../../../../../shared/model/message-form';
import type { InputProps } from './ScalarInputs';

/**
 * The form's recursive parts (a message holds fields, a field holds a value, a value may be a
 * message), handed down here rather than imported, so the modules form no import cycle.
 */
export interface FormParts {
  Value: ComponentType<InputProps & { type: FormValueType }>;
  Message: ComponentType<InputProps & { typeName: string; inAny?: boolean }>;
  Fields: ComponentType<{ message: FormMessage; value: unknown; path: JsonPath; inAny?: boolean }>;
}

export interface FormContextValue {
  /** The description the inputs below draw from (an Any's content brings its own). */
  form: MessageForm;
  /** Sets (or with undefined, removes) the value at path and writes the body's JSON text. */
  edit: (path: JsonPath, value: unknown) => void;
  /** Prefix of element ids, unique per form, so labels point at their own inputs. */
  idPrefix: string;
  parts: FormParts;
}

export const FormContext = createContext<FormContextValue | undefined>(undefined);

export function useFormContext(): FormContextValue {
  const context = useContext(FormContext);
  if (!context) throw new Error('form inputs are used inside a RequestForm');
  return context;
}

/** An element id for a path: stable while the path is, safe in id references. */
export function pathId(prefix: string, path: JsonPath, suffix = ''): string {
  return `${prefix}-${path.map((s) => String(s).replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.charCodeAt(0)}`)).join('.')}${suffix}`;
}

/** A field's path as people read it: origin.label, points[2].x. */
export function pathLabel(path: JsonPath): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}
