import { ajouterJours, joursEntre, type DateCivile } from '../calendrier/dates.ts';
import { dateAParis } from '../calendrier/fuseaux.ts';

// Quand une réclamation est-elle en retard ? Ici tout entier : ses deux échéances (cahier des charges §3.7) et l'état
// de chacune (à temps, à risque, en retard, faite dans le délai ou non).

/** Jours calendaires entre la réception et l'accusé de réception dû (cahier des charges §3.7). */
export const DELAI_ACCUSE_JOURS = 7;
/** Jours calendaires entre la réception et la réponse due (cahier des charges §3.7). */
export const DELAI_REPONSE_JOURS = 45;

/** Jours avant l'échéance de l'accusé de réception à partir desquels elle est « à risque ». */
export const RISQUE_ACCUSE_JOURS = 2;
/** Jours avant l'échéance de la réponse à partir desquels elle est « à risque ». */
export const RISQUE_REPONSE_JOURS = 10;

/**
 * Les échéances d'une réclamation reçue à `recueLe` : date civile de réception à Paris, + 7 et + 45 jours calendaires.
 * @example echeances(new Date('2026-11-23T09:00:00Z')) // { dateReception: '2026-11-23', accuseReceptionAvant: '2026-11-30', reponseAvant: '2027-01-07' }
 */
export function echeances(recueLe: Date) {
  const dateReception = dateAParis(recueLe);
  return {
    dateReception,
    accuseReceptionAvant: ajouterJours(dateReception, DELAI_ACCUSE_JOURS),
    reponseAvant: ajouterJours(dateReception, DELAI_REPONSE_JOURS),
  };
}

export type EtatDelai = 'a-temps' | 'a-risque' | 'en-retard' | 'tenu' | 'tenu-en-retard';

export const LIBELLES_ETAT_DELAI: Record<EtatDelai, string> = {
  'a-temps': 'À temps',
  'a-risque': 'À risque',
  'en-retard': 'En retard',
  tenu: 'Fait dans le délai',
  'tenu-en-retard': 'Fait en retard',
};

/**
 * L'état d'une échéance : faite (dans le délai ou non), sinon en retard une fois la date passée, à risque
 * quand il reste `risqueJours` jours ou moins (le jour même compris), à temps sinon. Dates civiles de Paris.
 */
export function etatDelai(echeance: DateCivile, faitLe: string | null, maintenant: Date, risqueJours: number): EtatDelai {
  if (faitLe) return dateAParis(new Date(faitLe)) <= echeance ? 'tenu' : 'tenu-en-retard';
  const restants = joursEntre(dateAParis(maintenant), echeance);
  if (restants < 0) return 'en-retard';
  return restants <= risqueJours ? 'a-risque' : 'a-temps';
}

/** Les deux délais d'une réclamation. Une réponse vaut accusé de réception si elle arrive la première. */
export function etatsDesDelais(
  r: { accuseReceptionAvant: DateCivile; reponseAvant: DateCivile; accuseLe: string | null; reponduLe: string | null },
  maintenant: Date,
) {
  const accuseFait = [r.accuseLe, r.reponduLe].filter((x): x is string => x !== null).sort()[0] ?? null;
  return {
    accuse: etatDelai(r.accuseReceptionAvant, accuseFait, maintenant, RISQUE_ACCUSE_JOURS),
    reponse: etatDelai(r.reponseAvant, r.reponduLe, maintenant, RISQUE_REPONSE_JOURS),
  };
}
