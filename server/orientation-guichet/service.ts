import { enTransaction } from '../../db/transaction.ts';
import { randomUUID } from 'node:crypto';
import { tables } from '../../db/moteur.ts';
import { dateAParis } from '../calendrier/fuseaux.ts';
import { acteurCompte, journaliserAction } from '../conseiller/audit.ts';
import type { ConseillerConnecte } from '../conseiller/service.ts';
import type { Dependances } from '../dependances.ts';
import { erreursDeZod, type ErreurChamp } from '../http/erreurs.ts';
import { enregistrerOrientation } from '../orientation/repository.ts';
import type { Decision } from '../orientation/schema.ts';
import { orienter } from '../orientation/service.ts';
import { numeroDossier, prefixeDossier } from '../rendez-vous/numero-dossier.ts';
import { depotReservation } from '../rendez-vous/repository.ts';
import { schemaOrientationGuichet } from './schema.ts';

export type ResultatOrientationGuichet =
  | { ok: true; decision: Decision; identifiant: number }
  | { ok: false; erreur: 'SAISIE_INVALIDE' | 'COMMUNE_INCONNUE'; erreurs: ErreurChamp[] };

/**
 * Un conseiller enregistre l'orientation qu'il a donnée à l'accueil, au téléphone ou par courriel : la même décision
 * que l'assistant (`orienter`), comptée comme une orientation en ligne (UO 0, indicateurs, export quotidien) avec son
 * mode de contact, l'identité donnée par la personne s'il y en a une, et une ligne au journal d'audit, tout ensemble.
 * Une identité donnée reçoit un numéro national d'UO 0 (UU = 00) : l'export quotidien la transmet sous ce numéro
 * (docs/decisions/2026-12-06-identite-uo0.md).
 */
export async function orienterAuGuichet(
  deps: Pick<Dependances, 'db' | 'referentiel' | 'operateurs' | 'maintenant' | 'deploiement'>,
  conseiller: Pick<ConseillerConnecte, 'id'>,
  donnees: Record<string, unknown>,
): Promise<ResultatOrientationGuichet> {
  const lu = schemaOrientationGuichet.safeParse(donnees);
  if (!lu.success) return { ok: false, erreur: 'SAISIE_INVALIDE', erreurs: erreursDeZod(lu.error) };
  const { modeContact, nom, prenom, dateNaissance, ...profil } = lu.data;
  const maintenant = deps.maintenant();
  if (dateNaissance && dateNaissance > dateAParis(maintenant))
    return {
      ok: false,
      erreur: 'SAISIE_INVALIDE',
      erreurs: [{ champ: 'dateNaissance', message: 'La date de naissance ne peut pas être après aujourd’hui.' }],
    };
  // Sans `canal`, `orienter` décide sans rien écrire : l'écriture, avec le mode de contact et l'identité, est ici.
  const resultat = await orienter(deps, profil);
  if (!resultat.ok) return resultat;
  const { decision } = resultat;
  const acteur = acteurCompte(conseiller.id);
  const identifiant = await enTransaction(deps.db, async (tx) => {
    const id = await enregistrerOrientation(tx, {
      conversation: `guichet-${randomUUID()}`,
      instant: maintenant,
      modeContact,
      statut: profil.situation,
      enEmploi: profil.enEmploi,
      motif: profil.motif,
      aiguillage: decision.recommandation.operateur,
      region: decision.region?.code,
      lot: decision.region?.lot,
    });
    if (nom || prenom || dateNaissance) {
      // Le compteur des demandes et des dossiers : un numéro n'est jamais donné deux fois, quel que soit le canal.
      const prefixe = prefixeDossier(deps.deploiement.editeur.identifiant, dateAParis(maintenant), '00');
      await tx.insert(tables(tx).orientationIdentites).values({
        orientationId: id,
        nom: nom ?? null,
        prenom: prenom ?? null,
        dateNaissance: dateNaissance ?? null,
        conseiller: acteur,
        numeroDossier: numeroDossier(prefixe, await depotReservation(tx).prochainNumero(prefixe)),
      });
    }
    await journaliserAction(tx, {
      acteur,
      action: 'orientation.guichet',
      cible: String(id),
      // Jamais l'identité au journal : le mode, l'aiguillage, et si une identité a été donnée.
      details: { modeContact, aiguillage: decision.recommandation.operateur, identite: Boolean(nom || prenom || dateNaissance) },
      horodatage: maintenant.toISOString(),
    });
    return id;
  });
  return { ok: true, decision, identifiant };
}
