export * from './errors';
export * from './target';
export * from './schema';
export * from './call';
export * from './protocol-limits';
