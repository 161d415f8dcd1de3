import { Command } from 'cmdk';
import { Binary, Keyboard, Plug, Plus, Save, SlidersHorizontal } from 'lucide-react';
import { useMemo, useState, type ReactNode } from 'react';
import { openMethod, saveTab } from '../../api';
import { activeSchema, useAppStore } from '../../state';
import { KindBadge } from '../../ui/KindBadge';
import { DecodeBytesDialog } from './DecodeBytesDialog';
import { shortcutHint, type ShortcutId } from './shortcuts';

interface PaletteCommand {
  label: string;
  icon: ReactNode;
  shortcut?: ShortcutId;
  run: () => void;
}

/** The window's commands, for a keyboard user who does not know (or forgot) their keys. */
function useCommands(): PaletteCommand[] {
  const hasWorkspace = useAppStore((s) => s.workspace !== undefined);
  const store = useAppStore.getState;
  const commands: PaletteCommand[] = [
    {
      label: 'Keyboard shortcuts',
      icon: <Keyboard />,
      shortcut: 'help',
      run: () => store().setWindowDialog('shortcuts'),
    },
    {
      label: 'Connection settings',
      icon: <Plug />,
      shortcut: 'connection-settings',
      run: () => store().setWindowDialog('connection-settings'),
    },
    { label: 'New tab', icon: <Plus />, shortcut: 'new-tab', run: () => store().newEmptyTab() },
    {
      label: 'Save request',
      icon: <Save />,
      shortcut: 'save',
      run: () => void saveTab().catch(() => store().setSidebarView('collections')),
    },
  ];
  if (hasWorkspace)
    commands.push({
      label: 'Edit environments',
      icon: <SlidersHorizontal />,
      run: () => store().setWindowDialog('environments'),
    });
  return commands;
}

/** Ctrl/Cmd+K: find any method of the loaded schema by name and open it, or run a command. */
export function MethodPalette() {
  const open = useAppStore((s) => s.paletteOpen);
  const setOpen = useAppStore((s) => s.setPaletteOpen);
  const schema = useAppStore(activeSchema);
  const commands = useCommands();
  const methods = useMemo(
    () => (schema.status === 'ready' ? schema.value.services.flatMap((s) => s.methods) : []),
    [schema],
  );

  const [decoding, setDecoding] = useState(false);

  return (
    <>
      <Command.Dialog
        open={open}
        onOpenChange={setOpen}
        label="Find a method"
        className="palette"
        overlayClassName="palette-overlay"
      >
        <Command.Input placeholder="Find a method or a command…" />
        <Command.List>
          <Command.Empty>{schema.status === 'ready' ? 'No method matches.' : 'No schema is loaded yet.'}</Command.Empty>
          <Command.Group heading="Methods">
            {methods.map((m) => (
              <Command.Item
                key={m.fullName}
                value={m.fullName}
                keywords={[m.name]}
                onSelect={() => {
                  setOpen(false);
                  void openMethod(m.fullName);
                }}
              >
                <KindBadge kind={m.kind} />
                <span className="palette-name" title={m.fullName}>
                  {m.name}
                </span>
                <span className="palette-service truncate" title={m.fullName}>
                  {m.fullName.slice(0, -m.name.length - 1)}
                </span>
              </Command.Item>
            ))}
          </Command.Group>
          <Command.Group heading="Commands">
            {commands.map((c) => (
              <Command.Item
                key={c.label}
                value={`command: ${c.label}`}
                onSelect={() => {
                  setOpen(false);
                  c.run();
                }}
              >
                <span className="palette-icon" aria-hidden="true">
                  {c.icon}
                </span>
                <span className="palette-name">{c.label}</span>
                {c.shortcut && <span className="palette-shortcut">{shortcutHint(c.shortcut)}</span>}
              </Command.Item>
            ))}
          </Command.Group>
          <Command.Group heading="Tools">
            <Command.Item
              value="Decode bytes…"
              keywords={['hex', 'base64', 'wire', 'raw', 'protobuf']}
              onSelect={() => {
                setOpen(false);
                setDecoding(true);
              }}
            >
              <span className="palette-icon" aria-hidden="true">
                <Binary />
              </span>
              <span className="palette-name">Decode bytes…</span>
              <span className="palette-service">hexadecimal or base64, as a message type or raw</span>
            </Command.Item>
          </Command.Group>
        </Command.List>
      </Command.Dialog>
      {decoding && <DecodeBytesDialog onClose={() => setDecoding(false)} />}
    </>
  );
}
