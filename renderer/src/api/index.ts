export { api, initApi } from './client';
export { cancelSchemaLoad, ensureSchema, loadSchema, loadMethodDetails, openMethod } from './schema-actions';
export { receivedWithDefaults } from './message-actions';
export { sendCall, cancelCall, closeTab } from './call-actions';
