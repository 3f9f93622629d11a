import type { DateCivile } from '../calendrier/jours-ouvres.ts';
import type { Site } from '../deploiement/schema.ts';
import { fuseauDuTerritoire, partiesLocales, territoireDuLot } from './fuseau.ts';
import { LIBELLES_MODALITE, type Modalite } from './schema.ts';

const JOUR_LONG = new Intl.DateTimeFormat('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

const joursLongs = new Map<DateCivile, string>();
/** « mardi 24 novembre 2026 » pour une date civile (mis en cache : Intl.DateTimeFormat.format coûte cher). */
export function jourLong(date: DateCivile): string {
  let texte = joursLongs.get(date);
  if (texte === undefined) {
    texte = JOUR_LONG.format(new Date(`${date}T00:00:00Z`));
    if (joursLongs.size > 5000) joursLongs.clear();
    joursLongs.set(date, texte);
  }
  return texte;
}

/** « 9 h 30 » ou « 14 h » à partir de « 09:30 » / « 14:00 ». */
export function heureLisible(hhmm: string): string {
  const [h, m] = hhmm.split(':');
  return `${Number(h)} h${m === '00' ? '' : ` ${m}`}`;
}

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
    texte: `${jourLong(debut.date)} de ${heureLisible(debut.heure)} à ${heureLisible(fin.heure)}`,
  };
}

/** Où se passe l'échange, en clair. */
export function lieuDuRendezVous(modalite: Modalite, site: Site | undefined): string {
  if (modalite === 'presentiel') return site ? `${site.nom}, ${site.adresse.join(', ')}` : LIBELLES_MODALITE.presentiel;
  if (modalite === 'telephone') return 'Par téléphone : le conseiller vous appelle au numéro que vous avez indiqué.';
  return 'En visioconférence : le conseiller vous envoie le lien de connexion par courriel avant le rendez-vous.';
}
