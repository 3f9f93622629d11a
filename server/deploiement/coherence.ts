import { existsSync, readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import type { Deploiement } from './schema.ts';

/**
 * Vrai si les pages pré-rendues de `dist/` l'ont été avec cette configuration de déploiement.
 * Sinon elles afficheraient un autre nom d'opérateur ou d'autres coordonnées que le serveur.
 */
export function constructionAJour(deploiement: Deploiement, fichierConstruit: string): boolean {
  if (!existsSync(fichierConstruit)) return false;
  return isDeepStrictEqual(JSON.parse(readFileSync(fichierConstruit, 'utf8')), deploiement);
}
