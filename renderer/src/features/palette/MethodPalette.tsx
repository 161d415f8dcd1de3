import { Command } from 'cmdk';
import { useMemo, useState } from 'react';
import { openMethod } from '../../api';
import { activeSchema, useAppStore } from '../../state';
import { KindBadge } from '../../ui/KindBadge';
import { DecodeBytesDialog } from './DecodeBytesDialog';

/** Ctrl/Cmd+K: find any method of the loaded schema by name and open it, or a tool. */
export function MethodPalette() {
  const open = useAppStore((s) => s.paletteOpen);
  const setOpen = useAppStore((s) => s.setPaletteOpen);
  const schema = useAppStore(activeSchema);
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
        <Command.Input placeholder="Find a method by name…" />
        <Command.List>
          <Command.Empty>{schema.status === 'ready' ? 'No method matches.' : 'No schema is loaded yet.'}</Command.Empty>
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
              <span className="palette-name">{m.name}</span>
              <span className="palette-service">{m.fullName.slice(0, -m.name.length - 1)}</span>
            </Command.Item>
          ))}
          <Command.Group heading="Tools">
            <Command.Item
              value="Decode bytes…"
              keywords={['hex', 'base64', 'wire', 'raw', 'protobuf']}
              onSelect={() => {
                setOpen(false);
                setDecoding(true);
              }}
            >
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
