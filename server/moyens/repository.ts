import { eq, sql, type SQL } from 'drizzle-orm';
import type { Executeur } from '../../db/client.ts';
import { tables } from '../../db/moteur.ts';
import type { moyensSemestriels } from '../../db/schema/moyens.ts';
import { schemaReleve, type Releve } from './schema.ts';

/** Le relevé d'un semestre tel qu'il est enregistré. */
export type ReleveEnregistre = Omit<typeof moyensSemestriels.$inferSelect, 'releve'> & { releve: Releve };

/** Les relevés semestriels des moyens et des coûts, sur les deux moteurs. */
export function depotMoyens(db: Executeur) {
  const { moyensSemestriels } = tables(db);
  return {
    /** Le relevé d'un semestre, s'il a été enregistré (relu par son schéma : une ligne abîmée est une exception). */
    async lire(semestre: string): Promise<ReleveEnregistre | undefined> {
      const [ligne] = await db.select().from(moyensSemestriels).where(eq(moyensSemestriels.semestre, semestre)).limit(1);
      return ligne && { ...ligne, releve: schemaReleve.parse(JSON.parse(ligne.releve)) };
    },
    /** Crée ou remplace le relevé d'un semestre (la version et la date de dépôt ne changent pas). */
    async enregistrer(semestre: string, releve: Releve, saisiPar: number, saisiLe: string): Promise<void> {
      const valeurs = { releve: JSON.stringify(releve), saisiPar, saisiLe };
      await db
        .insert(moyensSemestriels)
        .values({ semestre, ...valeurs })
        .onConflictDoUpdate({ target: moyensSemestriels.semestre, set: valeurs });
    },
    /** Marque la version courante comme déposée (lecture seule). */
    async marquerDepose(semestre: string, deposeLe: string): Promise<void> {
      await db.update(moyensSemestriels).set({ deposeLe }).where(eq(moyensSemestriels.semestre, semestre));
    },
    /** Rouvre un relevé déposé pour une correction : version suivante, plus de date de dépôt. */
    async rouvrir(semestre: string, version: number): Promise<void> {
      await db.update(moyensSemestriels).set({ deposeLe: null, version }).where(eq(moyensSemestriels.semestre, semestre));
    },
  };
}

/**
 * La condition SQL « le relevé de ce semestre existe et sa version n'est pas déposée », pour la prise du dépôt
 * (`depotTransmissions().commencer`) : vérifiée dans la même instruction qui ouvre le dépôt. Écrite en SQL nu, elle se
 * lit de même sur les deux moteurs.
 */
export const releveNonDepose = (semestre: string): SQL =>
  sql`exists (select 1 from moyens_semestriels where moyens_semestriels.semestre = ${semestre} and moyens_semestriels.depose_le is null)`;
