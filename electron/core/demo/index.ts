export { startDemoServer } from './server';
export type { DemoServer } from './server';
export { demoDescriptorSet } from './registry';
