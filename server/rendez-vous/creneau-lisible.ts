import type { DateCivile } from '../calendrier/dates.ts';
import { dateLongue, heureLisible } from '../calendrier/formats.ts';
import { fuseauDuTerritoire, partiesLocales } from '../calendrier/fuseaux.ts';
import { territoireDuLot } from '../calendrier/territoire.ts';
import type { Site } from '../deploiement/schema.ts';
import { LIBELLES_MODALITE, type Modalite } from './schema.ts';

/** Un créneau tel qu'on le montre : jour local et heures locales du lot. */
export interface CreneauAffiche {
  jour: DateCivile;
  debut: string;
  fin: string;
  /** « mardi 24 novembre 2026 de 9 h 30 à 10 h 30 » */
  texte: string;
}

export function afficherCreneau(creneau: { debut: string; fin: string; lot: number }): CreneauAffiche {
  const fuseau = fuseauDuTerritoire(territoireDuLot(creneau.lot));
  const debut = partiesLocales(new Date(creneau.debut), fuseau);
  const fin = partiesLocales(new Date(creneau.fin), fuseau);
  return {
    jour: debut.date,
    debut: heureLisible(debut.heure),
    fin: heureLisible(fin.heure),
    texte: `${dateLongue(debut.date)} de ${heureLisible(debut.heure)} à ${heureLisible(fin.heure)}`,
  };
}

/** Où se passe l'échange, en clair. */
export function lieuDuRendezVous(modalite: Modalite, site: Site | undefined): string {
  if (modalite === 'presentiel') return site ? `${site.nom}, ${site.adresse.join(', ')}` : LIBELLES_MODALITE.presentiel;
  if (modalite === 'telephone') return 'Par téléphone : le conseiller vous appelle au numéro que vous avez indiqué.';
  return 'En visioconférence : le conseiller vous envoie le lien de connexion par courriel avant le rendez-vous.';
}
