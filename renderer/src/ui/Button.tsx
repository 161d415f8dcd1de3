import { forwardRef, type ButtonHTMLAttributes, type ReactNode } from 'react';

export type ButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  /** An icon before the label (a lucide icon); it is decoration, the label names the action. */
  icon?: ReactNode;
  size?: 'sm' | 'md';
}

/**
 * The one button of the window: a variant for its weight (one primary action per area), an
 * optional icon and a text label. type="button" unless told, so no button submits a form by accident.
 */
export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button(
  { variant = 'secondary', icon, size = 'md', className, children, type = 'button', ...rest },
  ref,
) {
  const classes = ['ui-button', `ui-button-${variant}`, size === 'sm' ? 'ui-button-sm' : '', className ?? '']
    .filter(Boolean)
    .join(' ');
  return (
    <button ref={ref} type={type} className={classes} {...rest}>
      {icon && (
        <span className="ui-button-icon" aria-hidden="true">
          {icon}
        </span>
      )}
      {children}
    </button>
  );
});
