export * from './billing';
export * from './campaigns';
export * from './users';
export * from './whatsapp';
