import { create } from 'zustand';
import { createCallSlice, type CallSlice } from './call-slice';
import { createEditorSlice, type EditorSlice } from './editor-slice';
import { createSchemaSlice, type SchemaSlice } from './schema-slice';
import { createTargetSlice, type TargetSlice } from './target-slice';
import { createUiSlice, type UiSlice } from './ui-slice';

/** One store of typed slices. Select single values; use useShallow for derived lists. */
export type AppState = TargetSlice & SchemaSlice & EditorSlice & CallSlice & UiSlice;

export const useAppStore = create<AppState>()((...a) => ({
  ...createTargetSlice(...a),
  ...createSchemaSlice(...a),
  ...createEditorSlice(...a),
  ...createCallSlice(...a),
  ...createUiSlice(...a),
}));
