import { stringify } from 'csv-stringify/sync';
import type { Indicateur, Mesure, TableauDeBord } from './types.ts';

const NOMBRE_CSV = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1, useGrouping: false });
const nombre = (n: number | null | undefined) => (n === null || n === undefined ? '' : NOMBRE_CSV.format(n));
const UNITES: Record<Indicateur['unite'], string> = { repartition: 'effectif', part: '%', nombre: 'effectif', jours: 'jours ouvrés' };

export const COLONNES_CSV = [
  'periode',
  'indicateur',
  'numero_cctp',
  'famille',
  'titre',
  'libelle',
  'valeur',
  'unite',
  'numerateur',
  'denominateur',
  'part_pourcent',
  'precision',
] as const;

function ligne(tableau: TableauDeBord, i: Indicateur, m: Mesure): string[] {
  const pourcent = m.numerateur !== undefined && m.denominateur ? (m.numerateur / m.denominateur) * 100 : null;
  const valeur = i.unite === 'part' ? (m.valeur === null ? null : m.valeur * 100) : m.valeur;
  const precision = [m.valeur === null ? 'aucune donnée' : '', m.precision ?? ''].filter(Boolean).join(' ; ');
  return [
    tableau.periode.code,
    i.id,
    i.numero ?? '',
    i.famille,
    i.titre,
    m.libelle,
    nombre(valeur),
    UNITES[i.unite],
    nombre(m.numerateur),
    nombre(m.denominateur),
    nombre(pourcent),
    precision,
  ];
}

/**
 * Les indicateurs d'une période en CSV pour un tableur : UTF-8 avec BOM, séparateur `;`, virgule décimale, une ligne
 * par mesure, puis une ligne par indicateur non calculable avec la raison.
 * @param id un seul indicateur (son `id`), ou tous.
 */
export function indicateursEnCsv(tableau: TableauDeBord, id?: string): string {
  const choisis = tableau.indicateurs.filter((i) => id === undefined || i.id === id);
  const lignes = choisis.flatMap((i) => i.lignes.map((m) => ligne(tableau, i, m)));
  if (id === undefined)
    for (const n of tableau.nonCalculables)
      lignes.push([
        tableau.periode.code,
        n.numeros.join(' '),
        n.numeros.join(' '),
        'Non calculable',
        n.titre,
        '',
        '',
        '',
        '',
        '',
        '',
        n.donneesManquantes,
      ]);
  return '\uFEFF' + stringify([[...COLONNES_CSV], ...lignes], { delimiter: ';', record_delimiter: '\r\n' });
}
