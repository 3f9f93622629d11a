import type { Indicateur, Mesure } from '../../server/indicateurs-pilotage/service.ts';

// Créés une fois : un formateur Intl coûte cher.
const NOMBRE = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
const POURCENT = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 });

/** « 1 234 », « 11,5 ». */
export const nombre = (n: number) => NOMBRE.format(n);
/** « 60 % », « 66,7 % ». */
export const pourcent = (x: number) => POURCENT.format(x);

/** « 3 sur 5 » : le numérateur et le dénominateur d'une part. */
export const surTotal = (m: Mesure) => (m.denominateur === undefined ? '' : `${nombre(m.numerateur ?? 0)} sur ${nombre(m.denominateur)}`);

/** La valeur principale d'une ligne, en clair, « aucune donnée » quand il n'y a rien à mesurer. */
export function valeurEnClair(unite: Indicateur['unite'], m: Mesure): string {
  if (m.valeur === null) return 'aucune donnée';
  if (unite === 'part') return pourcent(m.valeur);
  if (unite === 'jours') return `${nombre(m.valeur)} j`;
  return nombre(m.valeur);
}

/** La part d'une ligne de répartition, « 50 % (6 sur 12) », ou « — » sans total. */
export const partEnClair = (m: Mesure) => (m.denominateur ? `${pourcent((m.numerateur ?? 0) / m.denominateur)} (${surTotal(m)})` : '—');

/** Vrai quand l'indicateur n'a rien à montrer sur la période : ni ligne, ni valeur autre que zéro. */
export const sansDonnee = (i: Indicateur) => i.lignes.every((l) => l.valeur === null || l.valeur === 0);
