import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { z } from 'zod';

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
 * Exporte une table : chaque ligne est validée par son schéma zod, puis écrite en CSV (UTF-8, `;`, en-tête)
 * et en JSON (tableau d'objets), en flux. Les fichiers sont écrits sous un nom provisoire et renommés à la fin :
 * un export interrompu ou refusé ne laisse rien.
 * @returns le nombre d'enregistrements exportés.
 */
export function exporterTable<S extends z.ZodObject>(options: {
  dossier: string;
  /** Nom de base des fichiers, par exemple `uo0-2026-11-23`. */
  nom: string;
  schema: S;
  lignes: Iterable<unknown>;
}): { enregistrements: number; fichiers: string[] } {
  mkdirSync(options.dossier, { recursive: true });
  const colonnes = Object.keys(options.schema.shape);
  const cibles = { csv: join(options.dossier, `${options.nom}.csv`), json: join(options.dossier, `${options.nom}.json`) };
  const provisoires = { csv: `${cibles.csv}.partiel`, json: `${cibles.json}.partiel` };
  const fdCsv = openSync(provisoires.csv, 'w');
  const fdJson = openSync(provisoires.json, 'w');
  let n = 0;
  try {
    const csv = new Tampon(fdCsv);
    const json = new Tampon(fdJson);
    csv.ecrire('\uFEFF' + stringify([colonnes], { delimiter: ';' }));
    json.ecrire('[');
    for (const brute of options.lignes) {
      const verdict = options.schema.safeParse(brute);
      if (!verdict.success) {
        const probleme = verdict.error.issues[0]!;
        const id = (brute as { identifiant?: string | number }).identifiant;
        throw new ErreurExport(`${options.nom} : l’enregistrement ${String(id ?? n + 1)} est invalide (${probleme.path.join('.')} : ${probleme.message}).`);
      }
      const ligne = verdict.data as Record<string, unknown>;
      csv.ecrire(stringify([colonnes.map((c) => ligne[c] ?? null)], { delimiter: ';', cast: { boolean: (b) => (b ? 'oui' : 'non') } }));
      json.ecrire((n === 0 ? '\n' : ',\n') + JSON.stringify(ligne));
      n++;
    }
    json.ecrire(n === 0 ? ']\n' : '\n]\n');
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

/** Date, heure et horodatage d'un instant UTC, en heure de Paris pour la date et l'heure (annexe 3). */
export function dateHeureHorodatage(instant: string): { date: string; heure: string; horodatage: string } {
  const parties = Object.fromEntries(
    FORMAT_PARIS.formatToParts(new Date(instant)).map((p) => [p.type, p.value]),
  ) as Record<string, string>;
  return { date: `${parties.year}-${parties.month}-${parties.day}`, heure: `${parties.hour}:${parties.minute}:${parties.second}`, horodatage: instant };
}
const FORMAT_PARIS = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
