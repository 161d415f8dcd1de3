export { api, initApi } from './client';
export { cancelSchemaLoad, ensureSchema, loadSchema, loadMethodDetails, openMethod } from './schema-actions';
export { sendCall, cancelCall, closeTab, canSendOnStream, sendOnStream, halfCloseStream, submit } from './call-actions';
