/** Les travaux que le serveur sait lancer lui-même ; chacun garde sa commande (README, « Exploitation »). */
export const TACHES = ['sauvegarde', 'purge', 'abandons', 'export', 'indicateurs'] as const;
export type NomTache = (typeof TACHES)[number];

/** Un travail planifié : son heure de Paris (`HH:MM`) et, pour un travail mensuel, son jour du mois. */
export interface Planification {
  tache: NomTache;
  heure: string;
  /** Jour du mois (1 à 28) pour les indicateurs mensuels ; absent pour un travail quotidien. */
  jourDuMois?: number;
}

/**
 * Lit `PLANIFICATION` (déjà validée dans sa forme par server/env.ts) : `tache@HH:MM` ou `indicateurs@JJTHH:MM`, séparés
 * par des virgules. Vide ou absente : aucun travail planifié.
 * @example lirePlanification('sauvegarde@02:00,indicateurs@05T06:00')
 * // [{ tache: 'sauvegarde', heure: '02:00' }, { tache: 'indicateurs', heure: '06:00', jourDuMois: 5 }]
 */
export function lirePlanification(texte: string | undefined): { ok: true; planifications: Planification[] } | { ok: false; message: string } {
  if (!texte) return { ok: true, planifications: [] };
  const planifications: Planification[] = [];
  for (const morceau of texte.split(',')) {
    const m = /^([a-z]+)@(?:(\d{2})T)?(\d{2}):(\d{2})$/.exec(morceau.trim());
    const tache = TACHES.find((t) => t === m?.[1]);
    if (!m || !tache) return { ok: false, message: `PLANIFICATION : « ${morceau} » n’est pas un travail connu (${TACHES.join(', ')}).` };
    const [heures, minutes] = [Number(m[3]), Number(m[4])];
    if (heures > 23 || minutes > 59) return { ok: false, message: `PLANIFICATION : l’heure de « ${morceau} » n’existe pas (00:00 à 23:59).` };
    const jour = m[2] === undefined ? undefined : Number(m[2]);
    if ((tache === 'indicateurs') !== (jour !== undefined))
      return { ok: false, message: `PLANIFICATION : seuls les indicateurs mensuels prennent un jour du mois (indicateurs@05T06:00).` };
    if (jour !== undefined && (jour < 1 || jour > 28))
      return { ok: false, message: `PLANIFICATION : le jour du mois des indicateurs va de 01 à 28 (il existe chaque mois).` };
    if (planifications.some((p) => p.tache === tache)) return { ok: false, message: `PLANIFICATION : « ${tache} » est planifié deux fois.` };
    planifications.push({ tache, heure: `${m[3]}:${m[4]}`, ...(jour === undefined ? {} : { jourDuMois: jour }) });
  }
  return { ok: true, planifications };
}
