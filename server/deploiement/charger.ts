import { readFileSync } from 'node:fs';
import { schemaDeploiement, type Deploiement } from './schema.ts';

/**
 * Lit et valide la configuration du déploiement.
 * @throws Error en français, qui nomme le fichier et chaque champ invalide.
 */
export function chargerDeploiement(chemin: string): Deploiement {
  let brut: unknown;
  try {
    brut = JSON.parse(readFileSync(chemin, 'utf8'));
  } catch (cause) {
    throw new Error(`Configuration de déploiement illisible (${chemin}) : ${(cause as Error).message}`);
  }
  const resultat = schemaDeploiement.safeParse(brut);
  if (!resultat.success) {
    const details = resultat.error.issues.map((i) => `  - ${i.path.join('.') || '(racine)'} : ${i.message}`).join('\n');
    throw new Error(`Configuration de déploiement invalide (${chemin}) :\n${details}`);
  }
  return resultat.data;
}
