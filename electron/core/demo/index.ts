export { startDemoServer } from './server';
export { startDemoWebServer } from './web-server';
export type { DemoWebServer, DemoWebServerOptions } from './web-server';
export type { DemoServer, DemoServerOptions } from './server';
export type { DemoStats } from './handlers';
export { demoDescriptorSet } from './registry';
