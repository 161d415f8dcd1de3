export { LoadButton, LoadOr } from './LoadButton';
export { LoadPanel } from './LoadPanel';
