import type { Dependances } from '../dependances.ts';
import type { ReponseDirecte, RouteDirecte } from '../http/routes-directes.ts';
import { sonderDossier, type LieuEcriture } from './ecritures.ts';
import { depotSante } from './repository.ts';

const REPONSE_OK: ReponseDirecte = { statut: 200, corps: JSON.stringify({ statut: 'ok' }) };

/** Pourquoi le portail n'est pas en état de servir : une raison stable (pour la supervision) et une phrase. */
const RAISONS = {
  'base-injoignable': 'La base de données ne répond pas.',
  'ecriture-base': 'Les écritures dans la base de données échouent (disque plein, ou fichier en lecture seule) : aucune demande ne peut être enregistrée.',
  'ecriture-pieces-jointes':
    'Les écritures dans le dossier des pièces jointes échouent (disque plein, ou dossier en lecture seule) : les réclamations avec pièce jointe ne peuvent pas être reçues.',
} as const;
type Raison = keyof typeof RAISONS;
// Construites une fois : la sonde ne sérialise rien quand rien ne change.
const REPONSES_INDISPONIBLE = Object.fromEntries(
  Object.entries(RAISONS).map(([raison, message]) => [raison, { statut: 503, corps: JSON.stringify({ statut: 'indisponible', raison, message }) }]),
) as Record<Raison, ReponseDirecte>;
const RAISON_ECRITURE: Record<LieuEcriture, Raison> = { base: 'ecriture-base', 'pieces-jointes': 'ecriture-pieces-jointes' };

/** Durée pendant laquelle un état vérifié vaut pour les sondes suivantes. */
const VALIDITE_MS = 100;
/**
 * Intervalle des sondes d'écriture (une ligne dans la base, un petit fichier dans le dossier des pièces jointes), et durée
 * minimale pendant laquelle un échec d'écriture signalé par l'application est rapporté : une écriture de la sonde peut
 * réussir là où une plus grosse échoue (disque presque plein).
 */
export const INTERVALLE_ECRITURE_MS = 5000;

/**
 * `GET /api/sante` : 200 quand la base répond et que le portail peut écrire (base et pièces jointes) ; 503 avec la raison
 * sinon, sans aucune donnée personnelle. La base est lue au plus une fois par 100 ms, et l'écriture sondée au plus une
 * fois toutes les 5 s : un afflux de sondes ne pèse ni sur la base ni sur le disque. Toute écriture de l'application qui
 * échoue faute de place ou de droit (`deps.ecritures.signaler`) est rapportée dès la sonde suivante.
 */
export function santeDirecte(
  deps: Pick<Dependances, 'db' | 'journal' | 'maintenant' | 'ecritures' | 'dossierPiecesJointes'>,
): RouteDirecte {
  let reponse = REPONSE_OK;
  let valableJusqua = 0;
  let prochaineSonde = 0;
  let echecSonde: LieuEcriture | undefined;
  /** Le dernier échec signalé par l'application, et jusqu'à quand il est rapporté. */
  let signaleVu: { lieu: LieuEcriture } | undefined;
  let signaleJusqua = 0;

  /** Sonde les écritures ; rend le lieu qui échoue. L'erreur va au journal, une fois par panne. */
  function sonderEcritures(instant: number): LieuEcriture | undefined {
    prochaineSonde = instant + INTERVALLE_ECRITURE_MS;
    for (const [lieu, sonder] of [
      ['base', () => depotSante(deps.db.$client).ecrire(new Date(instant).toISOString())],
      ['pieces-jointes', () => sonderDossier(deps.dossierPiecesJointes)],
    ] as const) {
      try {
        sonder();
      } catch (erreur) {
        if (echecSonde !== lieu) deps.journal.error('sante.ecriture-impossible', { lieu, message: (erreur as Error).message });
        return lieu;
      }
    }
    return undefined;
  }

  function verifier(instant: number): ReponseDirecte {
    try {
      depotSante(deps.db.$client).lire();
    } catch (erreur) {
      deps.journal.error('sante.base-indisponible', { message: (erreur as Error).message });
      return REPONSES_INDISPONIBLE['base-injoignable'];
    }
    if (instant >= prochaineSonde) echecSonde = sonderEcritures(instant);
    // Un échec signalé est rapporté au moins un intervalle, même si la sonde, plus petite, réussit entre-temps.
    const lieu = echecSonde ?? (signaleVu && instant < signaleJusqua ? signaleVu.lieu : undefined);
    return lieu ? REPONSES_INDISPONIBLE[RAISON_ECRITURE[lieu]] : REPONSE_OK;
  }

  return () => {
    const instant = deps.maintenant().getTime();
    // Un nouvel échec signalé invalide l'état gardé : il se voit à la sonde suivante, sans attendre 100 ms.
    const signale = deps.ecritures.dernierEchec();
    if (signale === signaleVu && instant < valableJusqua) return reponse;
    if (signale !== signaleVu) {
      signaleVu = signale;
      signaleJusqua = instant + INTERVALLE_ECRITURE_MS;
    }
    reponse = verifier(instant);
    valableJusqua = reponse === REPONSES_INDISPONIBLE['base-injoignable'] ? 0 : instant + VALIDITE_MS;
    return reponse;
  };
}
