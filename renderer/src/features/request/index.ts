export { RequestPanel } from './RequestPanel';
