export { TabStrip } from './TabStrip';
