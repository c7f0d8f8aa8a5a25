export type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
export * from './errors';
export * from './ports';
export * from './rate-limit';
export * from './reasons';
export { type AppRouter, appRouter, createCaller } from './root';
export * from './schemas';
export type { Context } from './trpc';
export * from './webhook-events';
