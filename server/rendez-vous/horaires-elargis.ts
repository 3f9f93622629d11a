import { lundiDe, type DateCivile } from '../calendrier/dates.ts';
import { partiesLocales } from '../calendrier/fuseaux.ts';

/**
 * Les horaires élargis du cahier des charges (seed 002 §3.3) : le matin de 8 h à 9 h 30, le midi de 12 h à 14 h,
 * le soir de 17 h à 19 h 30, en minutes depuis minuit, heure locale.
 */
export const FENETRES_ELARGIES = {
  matin: { de: 8 * 60, a: 9 * 60 + 30, libelle: '8 h – 9 h 30' },
  midi: { de: 12 * 60, a: 14 * 60, libelle: '12 h – 14 h' },
  soir: { de: 17 * 60, a: 19 * 60 + 30, libelle: '17 h – 19 h 30' },
} as const;
export type Fenetre = keyof typeof FENETRES_ELARGIES;

/** Au moins deux journées par semaine avec un horaire élargi. */
export const JOURS_ELARGIS_MIN = 2;

/** Bilan d'une semaine d'un site. */
export interface SemaineHoraires {
  /** Le lundi de la semaine. */
  lundi: DateCivile;
  creneaux: number;
  /** Les jours qui offrent au moins un créneau dans une fenêtre élargie. */
  joursElargis: DateCivile[];
  /** Les fenêtres offertes au moins une fois dans la semaine. */
  fenetres: Fenetre[];
  /** Vrai quand la semaine compte moins de deux journées à horaires élargis. */
  insuffisante: boolean;
}

/** Les fenêtres élargies que recouvre un créneau [debut, fin[ en heure locale (un créneau de 9 h à 10 h est dans celle du matin). */
export function fenetresDuCreneau(debutMinutes: number, finMinutes: number): Fenetre[] {
  return (Object.keys(FENETRES_ELARGIES) as Fenetre[]).filter(
    (f) => debutMinutes < FENETRES_ELARGIES[f].a && finMinutes > FENETRES_ELARGIES[f].de,
  );
}

/**
 * Évalue, semaine par semaine, les créneaux publiés d'un site : une journée compte comme « élargie » dès qu'un créneau
 * y recouvre une des trois fenêtres ; il en faut au moins deux par semaine. Les semaines sans aucun créneau sont rendues aussi.
 */
export function evaluerHorairesElargis(
  creneaux: readonly { debut: string; fin: string }[],
  fuseau: string,
  lundis: readonly DateCivile[],
): SemaineHoraires[] {
  const parSemaine = new Map(lundis.map((l) => [l, { creneaux: 0, jours: new Set<DateCivile>(), fenetres: new Set<Fenetre>() }]));
  for (const c of creneaux) {
    const debut = partiesLocales(new Date(c.debut), fuseau);
    const fin = partiesLocales(new Date(c.fin), fuseau);
    const semaine = parSemaine.get(lundiDe(debut.date));
    if (!semaine) continue;
    semaine.creneaux += 1;
    const finMinutes = fin.date === debut.date ? fin.minutes : 24 * 60;
    const fenetres = fenetresDuCreneau(debut.minutes, finMinutes);
    if (fenetres.length > 0) semaine.jours.add(debut.date);
    for (const f of fenetres) semaine.fenetres.add(f);
  }
  return lundis.map((lundi) => {
    const s = parSemaine.get(lundi)!;
    return {
      lundi,
      creneaux: s.creneaux,
      joursElargis: [...s.jours].sort(),
      fenetres: (Object.keys(FENETRES_ELARGIES) as Fenetre[]).filter((f) => s.fenetres.has(f)),
      insuffisante: s.jours.size < JOURS_ELARGIS_MIN,
    };
  });
}
