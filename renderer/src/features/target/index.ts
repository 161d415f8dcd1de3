export { TargetBar } from './TargetBar';
