export * from './errors';
export * from './target';
export * from './schema';
export * from './call';
export * from './keep';
export * from './drift';
export * from './protocol-limits';
export * from './auth';
