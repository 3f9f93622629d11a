import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { Referentiel } from './referentiel.ts';
import { libelleSecteur } from './secteurs.ts';

/** Les colonnes d'un fichier d'indicateurs, dans cet ordre (README, « Indicateurs des territoires »). */
export const COLONNES_INDICATEURS = ['niveau', 'code', 'indicateur', 'secteur', 'valeur', 'unite', 'periode', 'source', 'date'] as const;

const texte = (nom: string, max: number) =>
  z.string().trim().min(1, `la colonne « ${nom} » est vide`).max(max, `la colonne « ${nom} » dépasse ${max} caractères`);

/** Une ligne du fichier, telle que l'opérateur l'écrit. */
const schemaLigne = z.object({
  niveau: z.enum(['region', 'departement'], { error: 'la colonne « niveau » doit valoir region ou departement' }),
  code: texte('code', 3).toUpperCase(),
  indicateur: texte('indicateur', 120),
  secteur: z.string().trim().toUpperCase().max(2),
  valeur: z
    .string()
    .trim()
    .regex(/^-?\d+([.,]\d+)?$/, 'la valeur doit être un nombre (virgule ou point décimal, sans espace), par exemple 7,4')
    .transform((v) => Number(v.replace(',', '.'))),
  unite: z.string().trim().max(30, 'la colonne « unite » dépasse 30 caractères'),
  periode: texte('periode', 40),
  source: texte('source', 200),
  date: z.iso.date('la date doit être au format AAAA-MM-JJ, par exemple 2026-03-31'),
});

/** Un indicateur socio-économique publié par l'opérateur pour un territoire. */
export interface Indicateur {
  niveau: 'region' | 'departement';
  /** Code Insee de la région ou du département. */
  code: string;
  indicateur: string;
  /** Secteur NAF (lettre de section ou division), ou vide pour le territoire entier. */
  secteur: string;
  libelleSecteur?: string;
  valeur: number;
  unite: string;
  periode: string;
  source: string;
  /** Date de publication ou de mise à jour de la donnée, AAAA-MM-JJ. */
  date: string;
  /** Fichier d'origine, pour retrouver une ligne. */
  fichier: string;
}

/** Une ligne refusée : le fichier, la ligne et ce qu'il faut corriger. */
export class ErreurIndicateurs extends Error {
  override name = 'ErreurIndicateurs';
}

/** Lit un fichier CSV d'indicateurs ; la première ligne fautive arrête la lecture. */
export function lireFichierIndicateurs(chemin: string, referentiel: Referentiel): Indicateur[] {
  let lignes: { record: string[]; info: { lines: number } }[];
  try {
    lignes = parse(readFileSync(chemin, 'utf8'), {
      delimiter: ';',
      comment: '#',
      skip_empty_lines: true,
      bom: true,
      relax_column_count: true,
      info: true,
    }) as unknown as typeof lignes;
  } catch (erreur) {
    throw new ErreurIndicateurs(`${chemin} : ce fichier n’est pas un CSV lisible (${(erreur as Error).message}).`);
  }
  const [entete, ...donnees] = lignes;
  const attendu = COLONNES_INDICATEURS.join(';');
  if (!entete || entete.record.map((c) => c.trim().toLowerCase()).join(';') !== attendu) {
    throw new ErreurIndicateurs(`${chemin} : la première ligne doit être exactement « ${attendu} » (séparateur point-virgule).`);
  }
  return donnees.map(({ record: cellules, info }) => {
    const ou = `${chemin}, ligne ${info.lines}`;
    if (cellules.length !== COLONNES_INDICATEURS.length) {
      throw new ErreurIndicateurs(
        `${ou} : ${cellules.length} colonnes au lieu de ${COLONNES_INDICATEURS.length} ; vérifiez les points-virgules.`,
      );
    }
    const brute = Object.fromEntries(COLONNES_INDICATEURS.map((c, j) => [c, cellules[j]]));
    const resultat = schemaLigne.safeParse(brute);
    if (!resultat.success) throw new ErreurIndicateurs(`${ou} : ${resultat.error.issues[0]?.message}.`);
    const ligne = resultat.data;
    const existe = ligne.niveau === 'region' ? referentiel.region(ligne.code) : referentiel.departement(ligne.code);
    if (!existe)
      throw new ErreurIndicateurs(
        `${ou} : aucun·e ${ligne.niveau === 'region' ? 'région' : 'département'} n’a le code « ${ligne.code} » (code Insee attendu, par exemple 11 ou 75).`,
      );
    const libelle = ligne.secteur ? libelleSecteur(ligne.secteur) : undefined;
    if (ligne.secteur && !libelle)
      throw new ErreurIndicateurs(
        `${ou} : le secteur « ${ligne.secteur} » n’est ni une section (A à U) ni une division (2 chiffres) de la NAF.`,
      );
    return { ...ligne, ...(libelle ? { libelleSecteur: libelle } : {}), fichier: chemin };
  });
}

/** Tous les indicateurs des fichiers `*.csv` d'un dossier (aucun si le dossier n'existe pas). */
export function chargerIndicateurs(dossier: string, referentiel: Referentiel): Indicateur[] {
  if (!existsSync(dossier)) return [];
  return readdirSync(dossier)
    .filter((f) => f.endsWith('.csv'))
    .sort()
    .flatMap((f) => lireFichierIndicateurs(join(dossier, f), referentiel));
}

/** Les indicateurs d'un territoire, ceux du territoire entier d'abord, puis par secteur. */
export function indicateursDe(indicateurs: readonly Indicateur[], niveau: 'region' | 'departement', code: string) {
  const du = indicateurs.filter((i) => i.niveau === niveau && i.code === code);
  return { generaux: du.filter((i) => !i.secteur), parSecteur: du.filter((i) => i.secteur) };
}
