import { useEffect, useId, useRef, type ReactNode } from 'react';

interface DialogProps {
  title: string;
  onClose: () => void;
  /** Enter (or the submit button) runs this; the dialog stays open until the caller closes it. */
  onSubmit?: () => void;
  /** Buttons for the footer; a button that closes the dialog is always added. */
  actions?: ReactNode;
  /** That button's label: 'Cancel' (leaving discards what was typed), or 'Close' when nothing would be lost. */
  dismissLabel?: 'Cancel' | 'Close';
  children: ReactNode;
  wide?: boolean;
  /**
   * The body is text to read, with nothing to focus in it: it takes the focus itself, so a
   * keyboard user can scroll it (arrows, Page Down) when it is taller than the window.
   */
  readingBody?: boolean;
}

/** A modal dialog with a title, a body and a footer of buttons; Escape or Cancel closes it. */
export function Dialog({
  title,
  onClose,
  onSubmit,
  actions,
  dismissLabel = 'Cancel',
  children,
  wide,
  readingBody,
}: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  // No close() on cleanup: unmounting takes the dialog out of the top layer anyway.
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      className={`settings-dialog ws-dialog${wide ? ' ws-dialog-wide' : ''}`}
      aria-labelledby={titleId}
      onClose={onClose}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit?.();
        }}
        noValidate
      >
        <header className="settings-header">
          <h2 id={titleId}>{title}</h2>
        </header>
        <div
          className="settings-body ws-dialog-body"
          {...(readingBody ? { tabIndex: 0, role: 'region', 'aria-labelledby': titleId } : {})}
        >
          {children}
        </div>
        <footer className="settings-footer">
          <span className="spacer" />
          <button type="button" onClick={() => ref.current?.close()}>
            {dismissLabel}
          </button>
          {actions}
        </footer>
      </form>
    </dialog>
  );
}

/** Asks before something that cannot be undone. */
export function ConfirmDialog({
  title,
  message,
  confirm,
  onConfirm,
  onClose,
}: {
  title: string;
  message: ReactNode;
  confirm: string;
  onConfirm: () => void;
  onClose: () => void;
}) {
  return (
    <Dialog
      title={title}
      onClose={onClose}
      onSubmit={onConfirm}
      actions={
        <button type="submit" className="primary danger-primary">
          {confirm}
        </button>
      }
    >
      <p className="ws-confirm-text">{message}</p>
    </Dialog>
  );
}
