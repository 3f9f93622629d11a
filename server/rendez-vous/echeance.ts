import type { DateCivile } from '../calendrier/dates.ts';
import { dateLocale, fuseauDuTerritoire } from '../calendrier/fuseaux.ts';
import { calculerEcheance } from '../calendrier/jours-ouvres.ts';
import type { TerritoireCalendrier } from '../calendrier/territoire.ts';

/** Délai maximal entre la demande et le premier échange (seed 002 §3.3). */
export const DELAI_JOURS_OUVRES = 30;

const echeances = new Map<string, DateCivile>();
/** L'échéance à 30 jours ouvrés, mise en cache par jour et territoire (elle est la même pour toutes les demandes du jour). */
export function echeanceDe(dateDemande: DateCivile, territoire: TerritoireCalendrier): DateCivile {
  const cle = `${dateDemande}|${territoire}`;
  let echeance = echeances.get(cle);
  if (!echeance) {
    echeance = calculerEcheance(dateDemande, DELAI_JOURS_OUVRES, territoire);
    if (echeances.size > 10_000) echeances.clear();
    echeances.set(cle, echeance);
  }
  return echeance;
}

/**
 * La date d'une demande faite à `maintenant` dans un territoire, et son échéance : la date est celle du territoire
 * (à 23 h 30 UTC en hiver, il est déjà le lendemain à Paris et à La Réunion, encore la veille en Guadeloupe).
 * La demande de rendez-vous l'enregistre ; « Ma commune » l'annonce avant la demande.
 * @example delaiDUneDemande(new Date('2026-11-30T23:30:00Z'), 'FR') // { dateDemande: '2026-12-01', echeance: '2027-01-13' }
 */
export function delaiDUneDemande(maintenant: Date, territoire: TerritoireCalendrier): { dateDemande: DateCivile; echeance: DateCivile } {
  const dateDemande = dateLocale(maintenant, fuseauDuTerritoire(territoire));
  return { dateDemande, echeance: echeanceDe(dateDemande, territoire) };
}
