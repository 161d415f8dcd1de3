export { api, initApi } from './client';
export { loadSchema, openMethod } from './schema-actions';
export { sendCall, cancelCall } from './call-actions';
