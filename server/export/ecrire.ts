import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { FUSEAU_PARIS, partiesLocales } from '../calendrier/fuseaux.ts';

/** Un enregistrement exporté refusé par son schéma : l'export s'arrête, aucun fichier n'est laissé. */
export class ErreurExport extends Error {
  override name = 'ErreurExport';
}

/** Écrit par blocs de 256 Ko dans un descripteur : la mémoire reste plate, quel que soit le volume. */
class Tampon {
  private morceaux: string[] = [];
  private taille = 0;
  constructor(private readonly fd: number) {}
  ecrire(texte: string) {
    this.morceaux.push(texte);
    this.taille += texte.length;
    if (this.taille >= 262_144) this.vider();
  }
  vider() {
    if (this.morceaux.length) writeSync(this.fd, this.morceaux.join(''));
    this.morceaux = [];
    this.taille = 0;
  }
}

/**
 * Un champ CSV comme l'écrit csv-stringify (`;`, guillemets doublés, booléens en oui/non), sans son coût par ligne :
 * appeler `stringify` à chaque ligne (options normalisées à chaque fois) coûtait ≈ 15 % d'un export d'un million de lignes (mesuré, bench/export.ts).
 */
export function champCsv(valeur: unknown): string {
  if (valeur === null || valeur === undefined) return '';
  if (typeof valeur === 'boolean') return valeur ? 'oui' : 'non';
  if (typeof valeur === 'number') return String(valeur);
  const texte = typeof valeur === 'string' ? valeur : JSON.stringify(valeur);
  // Un texte qui commence comme une formule (`=`, `+`, `-`, `@`, tabulation, retour chariot) serait exécuté par un
  // tableur : il est précédé d'une apostrophe et mis entre guillemets (règle OWASP « CSV injection »). Le JSON garde la
  // valeur exacte ; le manifeste le déclare (`neutralisationCsv`). Les nombres ne sont jamais touchés.
  if (/^[=+\-@\t\r]/.test(texte)) return `"'${texte.replace(/"/g, '""')}"`;
  return /[;"\r\n]/.test(texte) ? `"${texte.replace(/"/g, '""')}"` : texte;
}

/** Formats d'export : CSV (UTF-8 avec BOM, `;`, en-tête) et JSON (tableau d'objets). */
export type FormatExport = 'csv' | 'json';

/**
 * La mise en forme d'une table, ligne après ligne : chaque ligne est validée par le schéma (une ligne refusée lève
 * `ErreurExport` en la nommant), puis rendue en CSV et en JSON. Partagée par l'écriture des fichiers et le
 * téléchargement en flux.
 */
export function miseEnForme<S extends z.ZodObject>(nom: string, schema: S) {
  const colonnes = Object.keys(schema.shape);
  return {
    /** L'en-tête CSV, précédé du BOM UTF-8 (pour les tableurs). */
    enTeteCsv: () => '\uFEFF' + colonnes.map(champCsv).join(';') + '\n',
    /** Valide la `n`-ième ligne (à partir de 0) et la rend validée. */
    valider(brute: unknown, n: number): Record<string, unknown> {
      const verdict = schema.safeParse(brute);
      if (!verdict.success) {
        const probleme = verdict.error.issues[0]!;
        const { identifiant, numeroDossier } = brute as { identifiant?: string | number; numeroDossier?: string | null };
        const id = identifiant ?? numeroDossier;
        throw new ErreurExport(`${nom} : l’enregistrement ${String(id ?? n + 1)} est invalide (${probleme.path.join('.')} : ${probleme.message}).`);
      }
      return verdict.data;
    },
    ligneCsv(ligne: Record<string, unknown>): string {
      let texte = champCsv(ligne[colonnes[0]!]);
      for (let i = 1; i < colonnes.length; i++) texte += ';' + champCsv(ligne[colonnes[i]!]);
      return texte + '\n';
    },
    ligneJson: (ligne: Record<string, unknown>, n: number) => (n === 0 ? '[\n' : ',\n') + JSON.stringify(ligne),
    finJson: (n: number) => (n === 0 ? '[]\n' : '\n]\n'),
  };
}

/** Les lignes d'une table, par paquets, à la demande (server/export/lecture.ts), ou déjà en mémoire (tests). */
export type PaquetsDeLignes = AsyncIterable<readonly unknown[]> | Iterable<readonly unknown[]>;

/**
 * Les morceaux de texte d'une table dans un format, à la demande (pour un téléchargement en flux : rien n'est gardé
 * en mémoire au-delà d'un paquet de lignes), un morceau par paquet. Une ligne invalide lève `ErreurExport` au moment où
 * elle est lue.
 */
export async function* morceauxTable<S extends z.ZodObject>(options: {
  nom: string;
  schema: S;
  lignes: PaquetsDeLignes;
  format: FormatExport;
}): AsyncGenerator<string> {
  const forme = miseEnForme(options.nom, options.schema);
  let n = 0;
  if (options.format === 'csv') yield forme.enTeteCsv();
  for await (const paquet of options.lignes) {
    let texte = '';
    for (const brute of paquet) {
      const ligne = forme.valider(brute, n);
      texte += options.format === 'csv' ? forme.ligneCsv(ligne) : forme.ligneJson(ligne, n);
      n++;
    }
    if (texte) yield texte;
  }
  if (options.format === 'json') yield forme.finJson(n);
}

/**
 * Exporte une table : chaque ligne est validée par son schéma zod, puis écrite en CSV (UTF-8, `;`, en-tête)
 * et en JSON (tableau d'objets), en flux. Les fichiers sont écrits sous un nom provisoire et renommés à la fin :
 * un export interrompu ou refusé ne laisse rien.
 * @returns le nombre d'enregistrements exportés.
 */
export async function exporterTable<S extends z.ZodObject>(options: {
  dossier: string;
  /** Nom de base des fichiers, par exemple `uo0-2026-11-23`. */
  nom: string;
  schema: S;
  /** Les lignes, par paquets. */
  lignes: PaquetsDeLignes;
}): Promise<{ enregistrements: number; fichiers: string[] }> {
  mkdirSync(options.dossier, { recursive: true });
  const forme = miseEnForme(options.nom, options.schema);
  const cibles = { csv: join(options.dossier, `${options.nom}.csv`), json: join(options.dossier, `${options.nom}.json`) };
  const provisoires = { csv: `${cibles.csv}.partiel`, json: `${cibles.json}.partiel` };
  const fdCsv = openSync(provisoires.csv, 'w');
  const fdJson = openSync(provisoires.json, 'w');
  let n = 0;
  try {
    const csv = new Tampon(fdCsv);
    const json = new Tampon(fdJson);
    csv.ecrire(forme.enTeteCsv());
    for await (const paquet of options.lignes) {
      for (const brute of paquet) {
        const ligne = forme.valider(brute, n);
        csv.ecrire(forme.ligneCsv(ligne));
        json.ecrire(forme.ligneJson(ligne, n));
        n++;
      }
    }
    json.ecrire(forme.finJson(n));
    csv.vider();
    json.vider();
  } catch (erreur) {
    closeSync(fdCsv);
    closeSync(fdJson);
    rmSync(provisoires.csv, { force: true });
    rmSync(provisoires.json, { force: true });
    throw erreur;
  }
  closeSync(fdCsv);
  closeSync(fdJson);
  renameSync(provisoires.csv, cibles.csv);
  renameSync(provisoires.json, cibles.json);
  return { enregistrements: n, fichiers: [cibles.csv, cibles.json] };
}

const heuresDeParis = new Map<string, { date: string; heure: string }>();

/**
 * Date, heure et horodatage d'un instant UTC, en heure de Paris pour la date et l'heure (annexe 3).
 * L'écart de Paris à UTC est d'heures entières : la date et l'heure locales se calculent une fois par heure UTC
 * (mise en cache), minutes et secondes se recopient. `Intl.formatToParts` à chaque ligne coûtait l'essentiel
 * d'un export d'un million de lignes.
 */
export function dateHeureHorodatage(instant: string): { date: string; heure: string; horodatage: string } {
  const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/.test(instant) ? instant : new Date(instant).toISOString();
  const cle = iso.slice(0, 13);
  let local = heuresDeParis.get(cle);
  if (!local) {
    const p = partiesLocales(new Date(`${cle}:00:00Z`), FUSEAU_PARIS);
    local = { date: p.date, heure: p.heure.slice(0, 2) };
    if (heuresDeParis.size > 100_000) heuresDeParis.clear();
    heuresDeParis.set(cle, local);
  }
  return { date: local.date, heure: `${local.heure}${iso.slice(13, 19)}`, horodatage: instant };
}
