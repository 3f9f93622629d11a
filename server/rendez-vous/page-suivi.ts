import { echecDe, type Echec } from '../http/erreurs.ts';
import { champsRecus, champTexte, type Passage, type ReglesPorte } from '../http/porte.ts';
import { ERREURS_RENDEZ_VOUS } from './erreurs.ts';
import { creneauxParJour } from './formulaire.ts';
import { codeCourt, empreinteCode } from './jeton.ts';
import { depotRendezVous } from './repository.ts';
import { annulerDemande, creneauxLibres, deplacerRendezVous, lireSuivi } from './service.ts';

/** La porte des formulaires du lien privé (annuler, déplacer) : quelques champs. Le jeton, imprévisible, tient lieu de limite. */
export const REGLES_SUIVI_DEMANDE: ReglesPorte = { corps: { formulaire: 4 * 1024 } };

/** Ce que montre le lien privé d'une demande, ou la page où aller après une action réussie. */
export interface VueSuiviDemande {
  redirection?: string;
  echec?: Echec;
  /** La confirmation de la dernière action (après redirection). */
  message?: string;
  suivi?: Awaited<ReturnType<typeof lireSuivi>>;
  /** Vrai si la demande se modifie encore en ligne (ouverte, rendez-vous à venir). */
  modifiable: boolean;
  /** Les créneaux proposés pour déplacer le rendez-vous. */
  jours: ReturnType<typeof creneauxParJour>;
  /** Juste après la demande : le lien privé complet et son code court, à noter ou imprimer. */
  acces?: { lien: string; code?: string };
}

const MESSAGES = {
  nouvelle: 'Votre demande est enregistrée.',
  deplace: 'Votre rendez-vous est déplacé. Un courriel de confirmation vous est envoyé.',
  annulee: 'Votre demande est annulée. Un courriel de confirmation vous est envoyé.',
};

/** La page `/rendez-vous/suivi/<jeton>` : la demande, et pour un envoi son annulation ou son déplacement. */
export async function pageSuiviDemande(
  deps: Parameters<typeof annulerDemande>[0],
  jeton: string,
  parametres: URLSearchParams,
  passage: Passage | undefined,
): Promise<VueSuiviDemande> {
  const lien = `/rendez-vous/suivi/${jeton}`;
  const fait = passage ? await agir(deps, jeton, passage) : undefined;
  if (fait === 'annulee' || fait === 'deplace') return { redirection: `${lien}?${fait}=1`, modifiable: false, jours: [] };
  const suivi = await lireSuivi(deps, jeton);
  const { demande, creneau } = suivi ?? {};
  const modifiable = demande?.statut === 'ouverte' && (!creneau || creneau.debut > deps.maintenant().toISOString());
  const jours = demande && modifiable ? creneauxParJour(await creneauxLibres(deps, { lots: [demande.lot], limite: 60 }), 4) : [];
  const message = (Object.keys(MESSAGES) as (keyof typeof MESSAGES)[]).find((cle) => parametres.get(cle) === '1');
  // Le code court se tire du jeton (jeton.ts) : on ne garde son empreinte qu'à la première confirmation, hors du chemin
  // de la demande ; un autre lien (celui d'un courriel) ne le remplace pas.
  const code = demande && message === 'nouvelle' ? codeCourt(jeton) : undefined;
  const codeGarde = code && demande ? await depotRendezVous(deps.db).poserEmpreinteCode(demande.id, empreinteCode(code)) : false;
  const acces =
    message === 'nouvelle' && demande ? { lien: `${deps.urlPublique}${lien}`, ...(codeGarde ? { code: code! } : {}) } : undefined;
  // Un lien inconnu répond 404, avec les erreurs de l'action tentée s'il y en a.
  const echec: Echec | undefined = suivi ? fait : { statut: 404, erreurs: fait?.erreurs ?? [] };
  return {
    modifiable,
    jours,
    ...(acces ? { acces } : {}),
    ...(suivi ? { suivi } : {}),
    ...(echec ? { echec } : {}),
    ...(message ? { message: MESSAGES[message] } : {}),
  };
}

/** Annule ou déplace ; rend ce qui a été fait, ou l'échec à montrer. */
async function agir(
  deps: Parameters<typeof annulerDemande>[0],
  jeton: string,
  passage: Passage,
): Promise<'annulee' | 'deplace' | Echec | undefined> {
  if (!passage.ok) return passage;
  const champs = champsRecus(passage);
  const action = champs.get('action');
  if (action === 'annuler') {
    if (champs.get('confirmation') !== 'oui') return echecDe(ERREURS_RENDEZ_VOUS, { erreur: 'CONFIRMATION_MANQUANTE' });
    const r = await annulerDemande(deps, jeton);
    return r.ok ? 'annulee' : echecDe(ERREURS_RENDEZ_VOUS, r);
  }
  if (action === 'deplacer') {
    const choisi = champTexte(champs, 'nouveauCreneau', 12);
    if (!/^\d{1,9}$/.test(choisi)) return echecDe(ERREURS_RENDEZ_VOUS, { erreur: 'CRENEAU_A_CHOISIR' });
    const r = await deplacerRendezVous(deps, jeton, Number(choisi));
    return r.ok ? 'deplace' : echecDe(ERREURS_RENDEZ_VOUS, r);
  }
  return undefined;
}
