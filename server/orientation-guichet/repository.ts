import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Executeur } from '../../db/client.ts';
import { EFFACE, lignesPerimees, parmiIds, type LignesPerimees } from '../../db/donnees-personnelles.ts';
import { lignesTouchees, tables } from '../../db/moteur.ts';

/** L'identité donnée à un conseiller lors d'une orientation au guichet, avec la date et le mode de l'échange. */
export interface IdentiteOrientation {
  orientationId: number;
  date: string;
  modeContact: string;
  nom: string | null;
  prenom: string | null;
  dateNaissance: string | null;
}

/** Un nom comparé sans casse, sans accents et sans espaces superflus : « Bénali » au guichet, « benali » à la recherche. */
export const nomComparable = (nom: string) => nom.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * Les identités tapées par un conseiller pour cette personne : même date de naissance et même nom (sans casse ni
 * accents). La date seule désignerait des inconnus, le nom seul des homonymes : les deux sont exigés.
 */
export async function identitesDeLaPersonne(
  db: Executeur,
  critere: { nom: string; dateNaissance: string },
): Promise<IdentiteOrientation[]> {
  const { orientationIdentites, orientations } = tables(db);
  const cherche = nomComparable(critere.nom);
  const lignes = await db
    .select({
      orientationId: orientationIdentites.orientationId,
      date: orientations.date,
      modeContact: orientations.modeContact,
      nom: orientationIdentites.nom,
      prenom: orientationIdentites.prenom,
      dateNaissance: orientationIdentites.dateNaissance,
    })
    .from(orientationIdentites)
    .innerJoin(orientations, eq(orientations.id, orientationIdentites.orientationId))
    .where(eq(orientationIdentites.dateNaissance, critere.dateNaissance))
    .orderBy(orientationIdentites.orientationId);
  return lignes.filter((l) => l.nom !== null && nomComparable(l.nom) === cherche);
}

/**
 * Efface ces identités (effacement demandé par la personne) ; la trace de l'orientation (sans identité) reste pour les
 * indicateurs. Une identité déjà transmise sous un numéro d'UO 0 garde son numéro : nom et prénom deviennent `[effacé]`,
 * la date de naissance vide, et `efface_le` fait partir l'enregistrement d'effacement dans le fichier de ce jour (RGPD
 * art. 19) ; sans numéro, la ligne est supprimée. @returns le nombre effacé.
 */
export async function effacerIdentites(db: Executeur, orientationIds: readonly number[], instant: string): Promise<number> {
  if (orientationIds.length === 0) return 0;
  const { orientationIdentites } = tables(db);
  const ids = sql`${orientationIdentites.orientationId} in ${parmiIds(db, orientationIds)}`;
  const marquees = lignesTouchees(
    await db
      .update(orientationIdentites)
      .set({ nom: EFFACE, prenom: EFFACE, dateNaissance: null, effaceLe: instant })
      .where(and(ids, isNotNull(orientationIdentites.numeroDossier))),
  );
  return marquees + lignesTouchees(await db.delete(orientationIdentites).where(and(ids, isNull(orientationIdentites.numeroDossier))));
}

/**
 * Les identités d'orientations au guichet enregistrées avant `instant` (ISO 8601) : gardées comme l'identité d'une
 * demande de rendez-vous, pas aussi longtemps que la trace anonyme de l'orientation (statistiques).
 */
export function identitesAnterieures(db: Executeur, instant: string): LignesPerimees {
  return lignesPerimees(db, 'orientation_identites', sql`orientation_id in (select id from orientations where horodatage < ${instant})`);
}
