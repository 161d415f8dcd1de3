export { FirstRunHint, DEMO_FIRST_CALL } from './FirstRunHint';
