import type { ConnectRouter } from '@connectrpc/connect';
import { addReflectionRoutes } from '../connect-server/reflection-routes';
import { demoReflectionAnswers } from './registry';

/** grpc.reflection.v1 on the demo's Connect server (see addReflectionRoutes). */
export function addDemoReflection(router: ConnectRouter): void {
  addReflectionRoutes(router, demoReflectionAnswers());
}
