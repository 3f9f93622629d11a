import { eq, sql, type SQL } from 'drizzle-orm';
import type { Executeur } from '../../db/client.ts';
import { moyensSemestriels } from '../../db/schema/moyens.ts';
import { schemaReleve, type Releve } from './schema.ts';

/** Le relevé d'un semestre tel qu'il est enregistré. */
export type ReleveEnregistre = Omit<typeof moyensSemestriels.$inferSelect, 'releve'> & { releve: Releve };

/** Les relevés semestriels des moyens et des coûts. */
export function depotMoyens(db: Executeur) {
  return {
    /** Le relevé d'un semestre, s'il a été enregistré (relu par son schéma : une ligne abîmée est une exception). */
    lire(semestre: string): ReleveEnregistre | undefined {
      const ligne = db.select().from(moyensSemestriels).where(eq(moyensSemestriels.semestre, semestre)).get();
      return ligne && { ...ligne, releve: schemaReleve.parse(JSON.parse(ligne.releve)) };
    },
    /** Crée ou remplace le relevé d'un semestre (la version et la date de dépôt ne changent pas). */
    enregistrer(semestre: string, releve: Releve, saisiPar: number, saisiLe: string): void {
      const valeurs = { releve: JSON.stringify(releve), saisiPar, saisiLe };
      db.insert(moyensSemestriels)
        .values({ semestre, ...valeurs })
        .onConflictDoUpdate({ target: moyensSemestriels.semestre, set: valeurs })
        .run();
    },
    /** Marque la version courante comme déposée (lecture seule). */
    marquerDepose: (semestre: string, deposeLe: string) =>
      db.update(moyensSemestriels).set({ deposeLe }).where(eq(moyensSemestriels.semestre, semestre)).run(),
    /** Rouvre un relevé déposé pour une correction : version suivante, plus de date de dépôt. */
    rouvrir: (semestre: string, version: number) =>
      db.update(moyensSemestriels).set({ deposeLe: null, version }).where(eq(moyensSemestriels.semestre, semestre)).run(),
  };
}

/**
 * La condition SQL « le relevé de ce semestre existe et sa version n'est pas déposée », pour la prise du dépôt
 * (`depotTransmissions().commencer`) : vérifiée dans la même instruction qui ouvre le dépôt.
 */
export const releveNonDepose = (semestre: string): SQL =>
  sql`exists (select 1 from ${moyensSemestriels} where ${moyensSemestriels.semestre} = ${semestre} and ${moyensSemestriels.deposeLe} is null)`;
