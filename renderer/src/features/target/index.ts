export { TargetBar } from './TargetBar';
export { SchemaStatus } from './SchemaStatus';
