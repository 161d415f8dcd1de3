export { MethodPalette } from './MethodPalette';
export { useGlobalShortcuts } from './use-global-shortcuts';
