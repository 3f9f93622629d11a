export * from './audit.ts';
export * from './conseiller.ts';
export * from './courriel.ts';
export * from './organismes.ts';
export * from './orientation.ts';
export * from './reclamations.ts';
export * from './rendez-vous.ts';
export * from './sante.ts';
