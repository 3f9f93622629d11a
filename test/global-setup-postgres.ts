import type { TestProject } from 'vitest/node';
import { demarrerGrappePostgres } from './fixtures/postgres.ts';

/**
 * Une grappe PostgreSQL jetable pour toute l'exécution de Vitest (test/fixtures/postgres.ts) ; chaque fichier de test
 * y crée sa propre base (`creerBasePostgres`). Si elle ne démarre pas (PostgreSQL absent), les autres tests tournent et
 * les tests PostgreSQL échouent avec la raison, en français : la suite ne passe jamais au vert sans eux.
 */
export default async function demarrerPostgresPourLesTests(project: TestProject) {
  try {
    const grappe = await demarrerGrappePostgres();
    project.provide('postgres', { url: grappe.url });
    return () => grappe.arreter();
  } catch (erreur) {
    project.provide('postgres', { erreur: (erreur as Error).message });
    return undefined;
  }
}
