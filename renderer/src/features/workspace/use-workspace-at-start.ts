import { useEffect } from 'react';
import { lastWorkspaceRoot, openWorkspace } from '../../api';

/** Reopens the workspace that was open when the app last closed. */
export function useWorkspaceAtStart(): void {
  useEffect(() => {
    const root = lastWorkspaceRoot();
    if (root) void openWorkspace(root, false);
  }, []);
}
