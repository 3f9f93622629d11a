import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { schemaDeploiement, type Deploiement } from './schema.ts';

/**
 * Lit un fichier JSON de configuration ou de contenu et le valide.
 * @param quoi ce que contient le fichier, pour le message : « Configuration de déploiement »…
 * @throws Error en français, qui nomme le fichier et chaque champ invalide.
 */
export function lireJsonValide<S extends z.ZodType>(chemin: string, schema: S, quoi: string): z.infer<S> {
  let brut: unknown;
  try {
    brut = JSON.parse(readFileSync(chemin, 'utf8'));
  } catch (cause) {
    throw new Error(`${quoi} illisible (${chemin}) : ${(cause as Error).message}`);
  }
  const resultat = schema.safeParse(brut);
  if (!resultat.success) {
    const details = resultat.error.issues.map((i) => `  - ${i.path.join('.') || '(racine)'} : ${i.message}`).join('\n');
    throw new Error(`${quoi} invalide (${chemin}) :\n${details}`);
  }
  return resultat.data;
}

/**
 * Lit et valide la configuration du déploiement.
 * @throws Error en français, qui nomme le fichier et chaque champ invalide.
 */
export function chargerDeploiement(chemin: string): Deploiement {
  return lireJsonValide(chemin, schemaDeploiement, 'Configuration de déploiement');
}
