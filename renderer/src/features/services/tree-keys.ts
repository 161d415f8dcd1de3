/** What a key does in the service tree (the WAI-ARIA tree pattern), apart from the DOM. */
export type TreeMove = { kind: 'focus'; id: string } | { kind: 'toggle'; open: boolean } | { kind: 'activate' };

/**
 * `id` is the focused item; `parent` its service when it is a method; `open` whether it (a
 * service) is expanded; `visible` every item shown, in order; `modified` whether Ctrl, Cmd or Alt
 * is held: such a key is a window shortcut (Ctrl+Enter sends), not the tree's.
 */
export function treeKeyTarget(
  key: string,
  {
    id,
    parent,
    visible,
    open,
    modified,
  }: { id: string; parent?: string; visible: readonly string[]; open?: boolean; modified?: boolean },
): TreeMove | undefined {
  if (modified) return undefined;
  const at = visible.indexOf(id);
  const isService = parent === undefined;
  const focus = (to: string | undefined): TreeMove | undefined =>
    to === undefined ? undefined : { kind: 'focus', id: to };
  switch (key) {
    case 'ArrowDown':
      return focus(visible[at + 1]);
    case 'ArrowUp':
      return at > 0 ? focus(visible[at - 1]) : undefined;
    case 'Home':
      return focus(visible[0]);
    case 'End':
      return focus(visible[visible.length - 1]);
    case 'ArrowRight':
      if (!isService) return undefined;
      return open ? focus(visible[at + 1]) : { kind: 'toggle', open: true };
    case 'ArrowLeft':
      if (!isService) return focus(parent);
      return open ? { kind: 'toggle', open: false } : undefined;
    case 'Enter':
    case ' ':
      return isService ? { kind: 'toggle', open: !open } : { kind: 'activate' };
    default:
      return undefined;
  }
}
