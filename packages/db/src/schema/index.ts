export * from './billing';
export * from './campaigns';
export * from './rollups';
export * from './uploads';
export * from './users';
export * from './webhooks';
export * from './whatsapp';
