export { ServiceTree } from './ServiceTree';
