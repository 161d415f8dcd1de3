export { ResponsePanel } from './ResponsePanel';
