import type { Dependances } from '../dependances.ts';
import type { ErreurChamp } from '../http/erreurs.ts';
import { decider } from './decision.ts';
import { enregistrerOrientation } from './repository.ts';
import type { Decision, DemandeOrientation } from './schema.ts';

/** Le résultat d'une demande d'orientation : la décision, ou le code d'erreur (`erreurs.ts`) et les champs à corriger. */
export type ResultatOrientation = { ok: true; decision: Decision } | { ok: false; erreur: 'COMMUNE_INCONNUE'; erreurs: ErreurChamp[] };

/**
 * Oriente une personne (UO0) et, si la demande vient d'un parcours (`canal`), compte l'orientation une fois
 * par conversation, sans identité. Un code de commune (ou de département) inconnu est une erreur de saisie, pas un lieu
 * ignoré.
 */
export async function orienter(
  deps: Pick<Dependances, 'db' | 'referentiel' | 'operateurs' | 'maintenant'>,
  demande: DemandeOrientation,
): Promise<ResultatOrientation> {
  const { canal, conversation, ...profil } = demande;
  const erreurs: ErreurChamp[] = [];
  for (const champ of ['communeResidence', 'communeTravail'] as const) {
    const code = profil[champ];
    if (code !== undefined && !deps.referentiel.commune(code)) {
      erreurs.push({
        champ,
        message: `Aucune commune n’a le code ${code}. Indiquez le code INSEE de la commune (5 caractères, par exemple 75056 pour Paris).`,
      });
    }
  }
  const departement = profil.departementResidence;
  if (departement !== undefined && !deps.referentiel.departement(departement)) {
    erreurs.push({ champ: 'departementResidence', message: `Aucun département n’a le code ${departement}. Indiquez par exemple 92, 2A ou 974.` });
  }
  if (erreurs.length > 0) return { ok: false, erreur: 'COMMUNE_INCONNUE', erreurs };

  const decision = decider(profil, { operateurs: deps.operateurs, referentiel: deps.referentiel });
  if (canal && conversation) {
    await enregistrerOrientation(deps.db, {
      conversation,
      instant: deps.maintenant(),
      modeContact: canal,
      statut: profil.situation,
      enEmploi: profil.enEmploi,
      motif: profil.motif,
      aiguillage: decision.recommandation.operateur,
      region: decision.region?.code,
      lot: decision.region?.lot,
    });
  }
  return { ok: true, decision };
}
