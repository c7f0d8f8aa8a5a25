/** The contract's output schemas, by area under schemas/ (inputs live beside their procedures). */
export * from './schemas/billing';
export * from './schemas/campaigns';
export * from './schemas/common';
export * from './schemas/users';
