export { startDemoServer } from './server';
export type { DemoServer, DemoServerOptions } from './server';
export type { DemoStats } from './handlers';
export { demoRegistry, demoDescriptorSet, DEMO_SERVICE } from './registry';
