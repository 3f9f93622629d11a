export * from './audit.ts';
export * from './orientation.ts';
