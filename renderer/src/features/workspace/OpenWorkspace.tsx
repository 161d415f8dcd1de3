import { useState, type FormEvent } from 'react';
import { api, openWorkspace, useNativeFileDialogs } from '../../api';
import { useAppStore } from '../../state';
import { ErrorBox } from '../../ui/ErrorBox';

/**
 * Opens a workspace folder: chosen in the native dialog where there is one, or typed (browser
 * mode cannot learn real paths from the page), optionally creating it.
 */
export function OpenWorkspace() {
  const native = useNativeFileDialogs();
  const opening = useAppStore((s) => s.workspaceOpening);
  const error = useAppStore((s) => s.workspaceError);
  const [path, setPath] = useState('');
  const [create, setCreate] = useState(true);

  const onSubmit = (e: FormEvent): void => {
    e.preventDefault();
    if (path.trim()) void openWorkspace(path.trim(), create);
  };
  const browse = async (): Promise<void> => {
    const [folder] = await api().request('host.pickFiles', {
      title: 'Open a workspace folder',
      directory: true,
      multiple: false,
    });
    if (folder) void openWorkspace(folder, true);
  };

  return (
    <form className="ws-open" onSubmit={onSubmit} aria-label="Open a workspace">
      <p className="ws-open-intro">
        A workspace is a folder of saved requests and environments, kept as plain JSON files you can share in git.
      </p>
      {native && (
        <button type="button" className="primary" onClick={() => void browse()}>
          Open folder…
        </button>
      )}
      <label className="settings-field">
        <span>Workspace folder</span>
        <input
          value={path}
          onChange={(e) => setPath(e.target.value)}
          placeholder="/path/to/workspace"
          spellCheck={false}
        />
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={create} onChange={(e) => setCreate(e.target.checked)} /> Create the folder if
        missing
      </label>
      <button type="submit" className={native ? undefined : 'primary'} disabled={!path.trim() || opening !== undefined}>
        {opening ? 'Opening…' : 'Open workspace'}
      </button>
      {error && <ErrorBox title="Could not open the workspace" error={error} />}
    </form>
  );
}
