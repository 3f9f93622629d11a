import type { ConseillerConnecte } from '../conseiller/service.ts';
import { echecDe, erreursDeZod, type Echec } from '../http/erreurs.ts';
import { champsRecus, type Passage } from '../http/porte.ts';
import { ERREURS_DONNEES_PERSONNELLES } from './erreurs.ts';
import { donneesDeLaPersonne, rienTrouve, saisieDuFormulaire, schemaCritere, type DonneesPersonne } from './recherche.ts';
import { consulterDonnees, effacerDonnees } from './service.ts';

/** Ce que montre `/espace-conseiller/donnees-personnelles`, ou la page où aller après un effacement. */
export interface VueDonneesPersonnelles {
  redirection?: string;
  etape: 'recherche' | 'resultats' | 'confirmation';
  saisie: ReturnType<typeof saisieDuFormulaire>;
  donnees?: DonneesPersonne;
  echec?: Echec;
  /** Un refus d'effacement (rien trouvé, données changées) : dit au-dessus du récapitulatif, pas à côté d'un champ. */
  avertissement?: string;
}

/**
 * La page d'un responsable : chercher ce que le portail détient sur une personne (consultation tracée), préparer puis
 * confirmer l'effacement, en vérifiant que les données n'ont pas changé depuis le récapitulatif.
 */
export async function pageDonneesPersonnelles(
  deps: Parameters<typeof effacerDonnees>[0],
  responsable: ConseillerConnecte,
  passage: Passage | undefined,
): Promise<VueDonneesPersonnelles> {
  const champs = champsRecus(passage);
  const saisie = saisieDuFormulaire(champs);
  if (!passage) return { etape: 'recherche', saisie };
  if (!passage.ok) return { etape: 'recherche', saisie, echec: passage };
  const lu = schemaCritere.safeParse(saisie);
  if (!lu.success) return { etape: 'recherche', saisie, echec: echecDe(ERREURS_DONNEES_PERSONNELLES, { erreur: 'SAISIE_INVALIDE', erreurs: erreursDeZod(lu.error) }) };
  const action = champs.get('action');
  if (action !== 'effacer') {
    const donnees = await consulterDonnees(deps, responsable, lu.data);
    return { etape: action === 'preparer' && !rienTrouve(donnees) ? 'confirmation' : 'resultats', saisie, donnees };
  }
  if (champs.get('confirmation') !== 'oui') {
    const echec = echecDe(ERREURS_DONNEES_PERSONNELLES, { erreur: 'CONFIRMATION_MANQUANTE' });
    return { etape: 'confirmation', saisie, donnees: await donneesDeLaPersonne(deps.db, lu.data), echec };
  }
  const empreinte = champs.get('empreinte');
  const r = await effacerDonnees(deps, responsable, lu.data, typeof empreinte === 'string' ? empreinte : '');
  if (r.ok) {
    const bilan = {
      demandes: r.demandes,
      reclamations: r.reclamations,
      courriels: r.courriels,
      orientations: r.orientations,
      dossiers: r.dossiers,
      uos: r.uosCloses,
      creneaux: r.creneauxLiberes,
    };
    return { etape: 'recherche', saisie, redirection: `/espace-conseiller/donnees-personnelles?${new URLSearchParams(Object.entries(bilan).map(([k, v]) => [k, String(v)]))}` };
  }
  const donnees = await donneesDeLaPersonne(deps.db, lu.data);
  const { statut, erreurs } = echecDe(ERREURS_DONNEES_PERSONNELLES, r);
  return { etape: rienTrouve(donnees) ? 'resultats' : 'confirmation', saisie, donnees, echec: { statut, erreurs: [] }, avertissement: erreurs[0]!.message };
}

/** Le bilan d'un effacement, lu dans l'adresse après redirection. */
export function bilanEffacement(q: URLSearchParams): string | undefined {
  if (!q.has('demandes')) return undefined;
  const n = (cle: string) => Number(q.get(cle));
  return `Effacement fait : ${n('demandes')} demande(s), ${n('reclamations')} réclamation(s), ${n('dossiers')} dossier(s) d’accompagnement, ${n('courriels')} courriel(s), ${n('orientations')} identité(s) d’orientation au guichet ; ${n('uos')} unité(s) d’œuvre close(s), ${n('creneaux')} créneau(x) rendu(s) libre(s).`;
}
