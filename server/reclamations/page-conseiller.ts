import { acteurCompte, journaliserAction } from '../conseiller/audit.ts';
import type { ConseillerConnecte } from '../conseiller/service.ts';
import { echecDe, type Echec } from '../http/erreurs.ts';
import { champsRecus, champTexte, type Passage } from '../http/porte.ts';
import { ERREURS_RECLAMATIONS } from './erreurs.ts';
import { normaliserNumero } from './numero.ts';
import { depotReclamations } from './repository.ts';
import { DESCRIPTION_MAX } from './schema.ts';
import { ACTIONS_PERMISES, agirSurReclamation, dossierReclamation, type ActionConseiller, type DossierReclamation } from './service.ts';

/** La confirmation affichée après chaque action. */
export const CONFIRMATIONS: Record<ActionConseiller['type'], string> = {
  'accuser-reception': 'Accusé de réception envoyé par courriel.',
  'demander-precisions': 'Demande de précisions envoyée par courriel.',
  repondre: 'Réponse envoyée par courriel, avec le chemin vers le médiateur.',
  cloturer: 'Réclamation close.',
  'mediateur-demande-dossier': 'Demande du médiateur enregistrée.',
};

/** Ce que montre la fiche d'une réclamation dans l'espace conseiller, ou la page où aller après une action réussie. */
export interface VueReclamationConseiller {
  redirection?: string;
  numero: string;
  dossier?: DossierReclamation;
  echec?: Echec;
  /** L'action tentée (refusée), pour réafficher son formulaire et ses erreurs. */
  actionTentee?: ActionConseiller['type'];
  saisie: { message: string; date: string };
  /** L'action faite, lue dans l'adresse après redirection. */
  fait?: ActionConseiller['type'];
  /** Vrai juste après l'enregistrement d'une réclamation reçue par courrier (`?enregistree=courrier`). */
  courrierEnregistre?: boolean;
}

const estAction = (type: string): type is ActionConseiller['type'] => Object.hasOwn(CONFIRMATIONS, type);

/**
 * La fiche `/espace-conseiller/reclamations/<numéro>` : le dossier (consultation tracée), et pour un envoi l'action
 * demandée (accuser réception, demander des précisions, répondre, clore, noter la demande du médiateur).
 */
export async function pageReclamationConseiller(
  deps: Parameters<typeof agirSurReclamation>[0],
  conseiller: ConseillerConnecte,
  requete: { numero: string; parametres: URLSearchParams; passage?: Passage },
): Promise<VueReclamationConseiller> {
  const numero = normaliserNumero(requete.numero) ?? '';
  const { passage } = requete;
  const champs = champsRecus(passage);
  const saisie = { message: champTexte(champs, 'message', DESCRIPTION_MAX + 100), date: champTexte(champs, 'date', 10) };
  const type = champTexte(champs, 'action', 40);
  let echec: Echec | undefined;
  let actionTentee: ActionConseiller['type'] | undefined;
  if (passage && !passage.ok) echec = passage;
  else if (passage && !estAction(type)) echec = echecDe(ERREURS_RECLAMATIONS, { erreur: 'ACTION_INCONNUE' });
  else if (passage && estAction(type)) {
    actionTentee = type;
    const resultat = await agirSurReclamation(deps, conseiller, numero, { type, message: saisie.message, date: saisie.date });
    if (resultat.ok) return { redirection: `/espace-conseiller/reclamations/${numero}?fait=${type}`, numero, saisie };
    echec = echecDe(ERREURS_RECLAMATIONS, resultat);
  }
  const reclamation = numero ? await depotReclamations(deps.db).parNumero(numero) : undefined;
  if (!reclamation) echec = { statut: 404, erreurs: echec?.erreurs ?? [] };
  else if (!passage)
    await journaliserAction(deps.db, { acteur: acteurCompte(conseiller.id), action: 'reclamation.consultation', cible: reclamation.numero });
  const fait = requete.parametres.get('fait') ?? '';
  return {
    numero,
    saisie,
    ...(reclamation ? { dossier: await dossierReclamation(deps, reclamation) } : {}),
    ...(echec ? { echec } : {}),
    ...(actionTentee ? { actionTentee } : {}),
    ...(estAction(fait) ? { fait } : {}),
    ...(requete.parametres.get('enregistree') === 'courrier' ? { courrierEnregistre: true } : {}),
  };
}

/** Vrai si l'action est permise dans l'état actuel de la réclamation. */
export const actionPermise = (dossier: DossierReclamation | undefined, type: ActionConseiller['type']) =>
  dossier !== undefined && ACTIONS_PERMISES[type].includes(dossier.reclamation.statut);
