export * from './json-file';
export * from './format';
export * from './variables';
export * from './resolve-request';
export * from './shell';
export * from './commands';
export * from './collection';
