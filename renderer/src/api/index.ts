export { api, initApi } from './client';
export { ensureSchema, loadSchema, loadMethodDetails, openMethod } from './schema-actions';
export { receivedWithDefaults } from './message-actions';
export { sendCall, cancelCall, closeTab } from './call-actions';
