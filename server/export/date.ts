import { ajouterJours, estDateCivile, type DateCivile } from '../calendrier/dates.ts';
import { dateAParis } from '../calendrier/fuseaux.ts';

/** La veille à Paris : le jour exporté par défaut (l'export tourne la nuit, la journée d'hier est complète). */
export const hierAParis = (maintenant: Date): DateCivile => ajouterJours(dateAParis(maintenant), -1);

/**
 * Lit le jour à exporter : une date qui existe, au format AAAA-MM-JJ, et pas après aujourd'hui (à Paris).
 * Aujourd'hui est permis (la journée en cours, incomplète) ; le message dit quoi saisir.
 */
export function lireDateExport(saisie: string, maintenant: Date): { ok: true; date: DateCivile } | { ok: false; message: string } {
  const date = saisie.trim();
  if (!estDateCivile(date))
    return {
      ok: false,
      message: `La date « ${date.slice(0, 20)} » n’est pas une date valide : écrivez-la au format AAAA-MM-JJ, par exemple ${hierAParis(maintenant)}.`,
    };
  const aujourdHui = dateAParis(maintenant);
  if (date > aujourdHui)
    return {
      ok: false,
      message: `La date ${date} est dans le futur : il n’y a encore rien à exporter. Choisissez une date jusqu’au ${aujourdHui}.`,
    };
  return { ok: true, date };
}
