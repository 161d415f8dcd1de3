import { useState } from 'react';
import { ErrorBox } from '../../ui/ErrorBox';
import { Dialog } from '../../ui/Dialog';
import { useAction } from '../../ui/use-action';

const folderLabel = (f: string) => (f === '' ? '(top level)' : f);

/** Asks for one name (a new folder, a rename) and runs `onName` with it; errors stay in the dialog. */
export function NameDialog(props: {
  title: string;
  label: string;
  initial?: string;
  submit: string;
  onName: (name: string) => Promise<unknown>;
  onClose: () => void;
}) {
  const [name, setName] = useState(props.initial ?? '');
  const action = useAction();
  const submit = async () => {
    if (name.trim() && (await action.run(() => props.onName(name.trim())))) props.onClose();
  };
  return (
    <Dialog
      title={props.title}
      onClose={props.onClose}
      onSubmit={() => void submit()}
      actions={
        <button type="submit" className="primary" disabled={!name.trim() || action.busy}>
          {props.submit}
        </button>
      }
    >
      <label className="settings-field">
        <span>{props.label}</span>
        <input autoFocus value={name} onChange={(e) => setName(e.target.value)} spellCheck={false} />
      </label>
      {action.error && <ErrorBox error={action.error} />}
    </Dialog>
  );
}

function FolderSelect({
  folders,
  value,
  onChange,
}: {
  folders: string[];
  value: string;
  onChange: (folder: string) => void;
}) {
  return (
    <label className="settings-field">
      <span>Folder</span>
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {folders.map((f) => (
          <option key={f} value={f}>
            {folderLabel(f)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Chooses a folder (for Move), then runs `onFolder`. */
export function FolderDialog(props: {
  title: string;
  folders: string[];
  initial: string;
  submit: string;
  onFolder: (folder: string) => Promise<unknown>;
  onClose: () => void;
}) {
  const [folder, setFolder] = useState(props.initial);
  const action = useAction();
  const submit = async () => {
    if (await action.run(() => props.onFolder(folder))) props.onClose();
  };
  return (
    <Dialog
      title={props.title}
      onClose={props.onClose}
      onSubmit={() => void submit()}
      actions={
        <button type="submit" className="primary" disabled={action.busy}>
          {props.submit}
        </button>
      }
    >
      <FolderSelect folders={props.folders} value={folder} onChange={setFolder} />
      {action.error && <ErrorBox error={action.error} />}
    </Dialog>
  );
}

/** A name and a folder for a request being saved for the first time. */
export function SaveAsForm(props: {
  folders: string[];
  initialName: string;
  onSave: (path: string) => Promise<unknown>;
  onClose: () => void;
}) {
  const [name, setName] = useState(props.initialName);
  const [folder, setFolder] = useState('');
  const action = useAction();
  const submit = async () => {
    const path = folder ? `${folder}/${name.trim()}` : name.trim();
    if (name.trim() && (await action.run(() => props.onSave(path)))) props.onClose();
  };
  return (
    <Dialog
      title="Save request"
      onClose={props.onClose}
      onSubmit={() => void submit()}
      actions={
        <button type="submit" className="primary" disabled={!name.trim() || action.busy}>
          Save
        </button>
      }
    >
      <label className="settings-field">
        <span>Name</span>
        <input autoFocus value={name} onChange={(e) => setName(e.target.value)} spellCheck={false} />
      </label>
      <FolderSelect folders={props.folders} value={folder} onChange={setFolder} />
      {action.error && <ErrorBox error={action.error} />}
    </Dialog>
  );
}
