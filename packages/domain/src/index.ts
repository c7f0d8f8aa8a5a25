export * from './campaign-state';
export * from './enums';
export * from './local-days';
export * from './phone';
export * from './roles';
export * from './subscription';
export * from './template';
export * from './text-safety';
