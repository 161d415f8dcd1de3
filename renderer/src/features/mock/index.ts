export { MockButton } from './MockButton';
