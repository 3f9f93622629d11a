import { dateUtc, type DateCivile } from './dates.ts';
import type { TerritoireCalendrier } from './territoire.ts';

/** Le fuseau de la métropole : celui du cahier des charges (délais des réclamations, exports, indicateurs). */
export const FUSEAU_PARIS = 'Europe/Paris';

/** Fuseau horaire IANA d'un territoire : les heures des créneaux et la date d'une demande y sont locales. */
const FUSEAUX: Record<TerritoireCalendrier, string> = {
  FR: FUSEAU_PARIS,
  '57': FUSEAU_PARIS,
  '67': FUSEAU_PARIS,
  '68': FUSEAU_PARIS,
  GP: 'America/Guadeloupe',
  MQ: 'America/Martinique',
  GF: 'America/Cayenne',
  RE: 'Indian/Reunion',
  YT: 'Indian/Mayotte',
  BL: 'America/St_Barthelemy',
  MF: 'America/Marigot',
};

/**
 * Le fuseau IANA d'un territoire.
 * @example fuseauDuTerritoire('RE') === 'Indian/Reunion'
 */
export function fuseauDuTerritoire(territoire: TerritoireCalendrier): string {
  return FUSEAUX[territoire];
}

const formats = new Map<string, Intl.DateTimeFormat>();
function format(fuseau: string): Intl.DateTimeFormat {
  let f = formats.get(fuseau);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: fuseau,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(fuseau, f);
  }
  return f;
}

const decalages = new Map<string, number>();
const MS_HEURE = 3_600_000;

/**
 * Écart (ms) entre l'heure locale et UTC pour l'heure qui contient `t`. Les fuseaux servis changent d'heure
 * à heure pile : un écart par heure suffit, mis en cache (Intl.formatToParts coûte cher à chaque demande).
 */
function decalage(t: number, fuseau: string): number {
  const cle = `${fuseau}|${Math.floor(t / MS_HEURE)}`;
  let d = decalages.get(cle);
  if (d === undefined) {
    const p = Object.fromEntries(
      format(fuseau)
        .formatToParts(new Date(t))
        .map((x) => [x.type, x.value]),
    );
    const local = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute));
    d = local - (t - (t % 60_000));
    if (decalages.size > 50_000) decalages.clear();
    decalages.set(cle, d);
  }
  return d;
}

const deux = (n: number) => String(n).padStart(2, '0');

/**
 * Date et heure locales d'un instant dans un fuseau.
 * @example partiesLocales(new Date('2026-11-24T07:00:00Z'), 'Europe/Paris') // { date: '2026-11-24', heure: '08:00', minutes: 480 }
 */
export function partiesLocales(instant: Date, fuseau: string): { date: DateCivile; heure: string; minutes: number } {
  const local = new Date(instant.getTime() + decalage(instant.getTime(), fuseau));
  const minutes = local.getUTCHours() * 60 + local.getUTCMinutes();
  return { date: dateUtc(local), heure: `${deux(local.getUTCHours())}:${deux(local.getUTCMinutes())}`, minutes };
}

/**
 * La date civile locale d'un instant (la date d'une demande, le jour d'un créneau).
 * @example dateLocale(new Date('2026-11-23T21:30:00Z'), 'Indian/Reunion') === '2026-11-24'
 */
export function dateLocale(instant: Date, fuseau: string): DateCivile {
  return partiesLocales(instant, fuseau).date;
}

/**
 * La date civile à Paris d'un instant : « aujourd'hui » pour le portail (une réclamation reçue le 31 à 23 h 30 UTC
 * l'est le 1er à Paris). La date d'un territoire d'outre-mer se demande à `dateLocale`.
 * @example dateAParis(new Date('2026-11-30T23:30:00Z')) === '2026-12-01' // heure d'hiver, UTC+1
 * @example dateAParis(new Date('2026-06-30T22:30:00Z')) === '2026-07-01' // heure d'été, UTC+2
 */
export function dateAParis(instant: Date): DateCivile {
  return partiesLocales(instant, FUSEAU_PARIS).date;
}

/**
 * L'instant UTC d'une heure locale (« mardi 24 novembre 2026 à 8 h 00, Europe/Paris »).
 * Au passage à l'heure d'été, une heure qui n'existe pas glisse d'une heure ; à l'heure d'hiver, la première est prise.
 * @example instantLocal('2026-11-24', '08:00', 'Europe/Paris').toISOString() === '2026-11-24T07:00:00.000Z'
 */
export function instantLocal(date: DateCivile, heure: string, fuseau: string): Date {
  const [a, m, j] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = heure.split(':').map(Number) as [number, number];
  const voulu = Date.UTC(a, m - 1, j, h, mi);
  let instant = voulu;
  // Deux passes suffisent : l'écart au fuseau est celui de l'instant visé, sauf au changement d'heure.
  for (let i = 0; i < 2; i++) {
    const p = partiesLocales(new Date(instant), fuseau);
    const [pa, pm, pj] = p.date.split('-').map(Number) as [number, number, number];
    const lu = Date.UTC(pa, pm - 1, pj, Math.floor(p.minutes / 60), p.minutes % 60);
    instant += voulu - lu;
  }
  return new Date(instant);
}

const FUSEAUX_DISTINCTS = [...new Set(Object.values(FUSEAUX))];
let derniereCle: { heure: number; cle: string } | undefined;

/**
 * Une clé qui change à chaque minuit local de l'un des fuseaux servis, et seulement alors : ce qui dépend
 * d'« aujourd'hui » quelque part en France (une page gardée en cache) reste juste en gardant cette clé.
 * Calculée une fois par heure : tous ces fuseaux changent de date à une heure UTC pile.
 */
export function cleDuJourDansChaqueFuseau(instant: Date): string {
  const heure = Math.floor(instant.getTime() / MS_HEURE);
  if (derniereCle?.heure !== heure) derniereCle = { heure, cle: FUSEAUX_DISTINCTS.map((f) => dateLocale(instant, f)).join('|') };
  return derniereCle.cle;
}
