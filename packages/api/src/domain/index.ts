export * from './campaign-state';
export * from './enums';
export * from './phone';
export * from './subscription';
export * from './template';
