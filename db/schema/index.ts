export * from './audit.ts';
export * from './conseiller.ts';
export * from './courriel.ts';
export * from './rendez-vous.ts';
