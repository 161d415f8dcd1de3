export * from './port';
export * from './cancel';
export * from './define';
export * from './envelope';
export * from './client';
export * from './server';
export * from './outbound-stream';
export * from './memory-port';
