import { forwardRef, type ButtonHTMLAttributes, type ReactNode } from 'react';

export interface IconButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'aria-label' | 'children'> {
  /** What the button does, for screen readers and as its tooltip: an icon alone names nothing. */
  label: string;
  icon: ReactNode;
  /** A tooltip longer than the label (e.g. with its shortcut); the label is the accessible name. */
  hint?: string;
  variant?: 'ghost' | 'secondary' | 'danger';
  size?: 'sm' | 'md';
}

/** A button that shows only an icon; its label is required, so it is never nameless. */
export const IconButton = forwardRef<HTMLButtonElement, IconButtonProps>(function IconButton(
  { label, icon, hint, variant = 'ghost', size = 'md', className, type = 'button', ...rest },
  ref,
) {
  const classes = ['ui-icon-button', `ui-button-${variant}`, size === 'sm' ? 'ui-icon-button-sm' : '', className ?? '']
    .filter(Boolean)
    .join(' ');
  return (
    <button ref={ref} type={type} className={classes} aria-label={label} title={hint ?? label} {...rest}>
      <span aria-hidden="true">{icon}</span>
    </button>
  );
});
