import type { ReactNode } from 'react';

/**
 * What an empty area says: what goes here and how to get it (a shortcut, a button). Never a
 * blank panel.
 */
export function EmptyState({
  icon,
  title,
  children,
  action,
  compact,
  testId,
}: {
  icon?: ReactNode;
  title: string;
  children?: ReactNode;
  action?: ReactNode;
  /** Smaller, for a sidebar or a tab of a panel. */
  compact?: boolean;
  testId?: string;
}) {
  return (
    <div className={`ui-empty${compact ? ' ui-empty-compact' : ''}`} data-testid={testId}>
      {icon && (
        <span className="ui-empty-icon" aria-hidden="true">
          {icon}
        </span>
      )}
      <p className="ui-empty-title">{title}</p>
      {children && <div className="ui-empty-body">{children}</div>}
      {action && <div className="ui-empty-action">{action}</div>}
    </div>
  );
}
