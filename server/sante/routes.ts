import type { Dependances } from '../dependances.ts';
import type { ReponseDirecte, RouteDirecte } from '../http/routes-directes.ts';
import { sonderDossier, type LieuEcriture } from './ecritures.ts';
import { depotSante } from './repository.ts';

const REPONSE_OK: ReponseDirecte = { statut: 200, corps: JSON.stringify({ statut: 'ok' }) };

/** Pourquoi le portail n'est pas en état de servir : une raison stable (pour la supervision) et une phrase. */
const RAISONS = {
  'base-injoignable': 'La base de données ne répond pas.',
  'ecriture-base':
    'Les écritures dans la base de données échouent (disque plein, ou fichier en lecture seule) : aucune demande ne peut être enregistrée.',
  'ecriture-pieces-jointes':
    'Les écritures dans le dossier des pièces jointes échouent (disque plein, ou dossier en lecture seule) : les réclamations avec pièce jointe ne peuvent pas être reçues.',
} as const;
type Raison = keyof typeof RAISONS;
// Construites une fois : la sonde ne sérialise rien quand rien ne change.
const REPONSES_INDISPONIBLE = Object.fromEntries(
  Object.entries(RAISONS).map(([raison, message]) => [
    raison,
    { statut: 503, corps: JSON.stringify({ statut: 'indisponible', raison, message }) },
  ]),
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
 *
 * Sur PostgreSQL, la vérification attend la base : la route rend l'état de la dernière vérification tant qu'il a moins de
 * 100 ms, sinon elle en lance une (une seule à la fois : les requêtes qui arrivent pendant ce temps attendent la même).
 */
export function santeDirecte(
  deps: Pick<Dependances, 'db' | 'journal' | 'maintenant' | 'ecritures' | 'dossierPiecesJointes'>,
): RouteDirecte {
  const depot = depotSante(deps.db);
  let echecSonde: LieuEcriture | undefined;
  let prochaineSonde = 0;

  /** L'erreur d'une sonde d'écriture va au journal, une fois par panne ; rend le lieu qui échoue. */
  const noterEchec = (lieu: LieuEcriture, erreur: unknown): LieuEcriture => {
    if (echecSonde !== lieu) deps.journal.error('sante.ecriture-impossible', { lieu, message: (erreur as Error).message });
    return lieu;
  };
  const baseInjoignable = (erreur: unknown) => {
    deps.journal.error('sante.base-indisponible', { message: (erreur as Error).message });
    return REPONSES_INDISPONIBLE['base-injoignable'];
  };
  const sonderLeDossier = (): LieuEcriture | undefined => {
    try {
      sonderDossier(deps.dossierPiecesJointes);
      return undefined;
    } catch (erreur) {
      return noterEchec('pieces-jointes', erreur);
    }
  };
  /** La réponse, d'après la sonde d'écriture et le dernier échec signalé par l'application (s'il vaut encore). */
  const reponseDe = (signale: { lieu: LieuEcriture } | undefined): ReponseDirecte => {
    // Un échec signalé est rapporté au moins un intervalle, même si la sonde, plus petite, réussit entre-temps.
    const lieu = echecSonde ?? signale?.lieu;
    return lieu ? REPONSES_INDISPONIBLE[RAISON_ECRITURE[lieu]] : REPONSE_OK;
  };

  let verifier: (instant: number, signale: { lieu: LieuEcriture } | undefined) => ReponseDirecte | Promise<ReponseDirecte>;
  if (depot.synchrone) {
    verifier = (instant, signale) => {
      try {
        depot.lire();
      } catch (erreur) {
        return baseInjoignable(erreur);
      }
      if (instant >= prochaineSonde) {
        prochaineSonde = instant + INTERVALLE_ECRITURE_MS;
        try {
          depot.ecrire(new Date(instant).toISOString());
          echecSonde = sonderLeDossier();
        } catch (erreur) {
          echecSonde = noterEchec('base', erreur);
        }
      }
      return reponseDe(signale);
    };
  } else {
    verifier = async (instant, signale) => {
      try {
        await depot.lire();
      } catch (erreur) {
        return baseInjoignable(erreur);
      }
      if (instant >= prochaineSonde) {
        prochaineSonde = instant + INTERVALLE_ECRITURE_MS;
        try {
          await depot.ecrire(new Date(instant).toISOString());
          echecSonde = sonderLeDossier();
        } catch (erreur) {
          echecSonde = noterEchec('base', erreur);
        }
      }
      return reponseDe(signale);
    };
  }

  let reponse = REPONSE_OK;
  let valableJusqua = 0;
  /** Le dernier échec signalé par l'application, et jusqu'à quand il est rapporté. */
  let signaleVu: { lieu: LieuEcriture } | undefined;
  let signaleJusqua = 0;
  let enVol: Promise<ReponseDirecte> | undefined;
  const retenir = (nouvelle: ReponseDirecte, instant: number) => {
    reponse = nouvelle;
    valableJusqua = reponse === REPONSES_INDISPONIBLE['base-injoignable'] ? 0 : instant + VALIDITE_MS;
    return reponse;
  };

  return () => {
    const instant = deps.maintenant().getTime();
    // Un nouvel échec signalé invalide l'état gardé : il se voit à la sonde suivante, sans attendre 100 ms.
    const signale = deps.ecritures.dernierEchec();
    if (signale === signaleVu && instant < valableJusqua) return reponse;
    if (signale !== signaleVu) {
      signaleVu = signale;
      signaleJusqua = instant + INTERVALLE_ECRITURE_MS;
    }
    if (enVol) return enVol;
    const verifiee = verifier(instant, signaleVu && instant < signaleJusqua ? signaleVu : undefined);
    if (!(verifiee instanceof Promise)) return retenir(verifiee, instant);
    enVol = verifiee
      .then((nouvelle) => retenir(nouvelle, deps.maintenant().getTime()), baseInjoignable)
      .finally(() => (enVol = undefined));
    return enVol;
  };
}
