import type { TestProject } from 'vitest/node';
import { migrerBasePostgres } from '../db/client-postgres.ts';
import { demarrerGrappePostgres, surLaGrappe, urlDeLaBase } from './fixtures/postgres.ts';

/** La base migrée une fois par exécution, que les bases neuves des suites copient (`creerBasePostgres(…, { migree })`). */
const MODELE = 'modele_migre';

/**
 * Une grappe PostgreSQL jetable pour toute l'exécution de Vitest (test/fixtures/postgres.ts) ; chaque fichier de test
 * y crée sa propre base (`creerBasePostgres`). Si elle ne démarre pas (PostgreSQL absent), les autres tests tournent et
 * les tests PostgreSQL échouent avec la raison, en français : la suite ne passe jamais au vert sans eux.
 */
export default async function demarrerPostgresPourLesTests(project: TestProject) {
  try {
    const grappe = await demarrerGrappePostgres();
    await surLaGrappe(grappe.url, `create database "${MODELE}"`);
    await migrerBasePostgres(urlDeLaBase(grappe.url, MODELE));
    project.provide('postgres', { url: grappe.url, modele: MODELE });
    return () => grappe.arreter();
  } catch (erreur) {
    project.provide('postgres', { erreur: (erreur as Error).message });
    return undefined;
  }
}
