import type { HTMLAttributes, ReactNode } from 'react';

export type BadgeTone = 'neutral' | 'accent' | 'ok' | 'warn' | 'error' | 'info';

/** A small label with a tone; an optional icon before the text is decoration. */
export function Badge({
  tone = 'neutral',
  icon,
  children,
  className,
  ...rest
}: { tone?: BadgeTone; icon?: ReactNode; children: ReactNode } & HTMLAttributes<HTMLSpanElement>) {
  return (
    <span className={`ui-badge ui-badge-${tone}${className ? ` ${className}` : ''}`} {...rest}>
      {icon && (
        <span className="ui-badge-icon" aria-hidden="true">
          {icon}
        </span>
      )}
      {children}
    </span>
  );
}
