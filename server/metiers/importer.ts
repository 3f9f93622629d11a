// Import des métiers (`npm run contenu:importer`) : les fichiers du ROME copiés dans content/referentiels/rome sont
// vérifiés ligne à ligne et réunis en un seul fichier, content/genere/metiers.json.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { formesAppellation } from './appellations.ts';
import { schemaCodeRome, schemaMetiersGeneres, type Famille, type MetiersGeneres, type Tension } from './donnees.ts';

/** Une donnée des métiers qui ne peut pas être importée : le message nomme le fichier et la ligne. */
export class ErreurImportMetiers extends Error {
  override name = 'ErreurImportMetiers';
}

/** Dossier des fichiers du ROME, relatif au dossier du projet. */
export const DOSSIER_ROME = 'content/referentiels/rome';

/** Ce que dit la page de chaque métier sur l'origine des données. */
const SOURCE = 'ROME v3 de France Travail (données ouvertes, Licence Ouverte), copie du 2026-12-05';

type Ligne = Record<string, string>;

/** Les lignes d'un fichier, avec le numéro de ligne pour les messages. */
function lire(dossier: string, fichier: string, delimiter: string, colonnes: readonly string[]): { ligne: Ligne; numero: number }[] {
  const chemin = join(dossier, fichier);
  let texte: string;
  try {
    texte = readFileSync(chemin, 'utf8');
  } catch {
    throw new ErreurImportMetiers(`${chemin} manque : copiez-le depuis la source décrite dans ${dossier}/README.md.`);
  }
  let lignes: { record: Ligne; info: { lines: number } }[];
  try {
    lignes = parse(texte, {
      delimiter,
      columns: true,
      bom: true,
      skip_empty_lines: true,
      relax_quotes: true,
      info: true,
    }) as unknown as typeof lignes;
  } catch (erreur) {
    throw new ErreurImportMetiers(`${chemin} : ce n’est pas un CSV lisible (${(erreur as Error).message}).`);
  }
  const manquantes = colonnes.filter((c) => !(c in (lignes[0]?.record ?? {})));
  if (lignes.length === 0 || manquantes.length > 0)
    throw new ErreurImportMetiers(
      `${chemin} : colonnes attendues ${colonnes.join(', ')} (manquent : ${manquantes.join(', ') || 'toutes les lignes'}).`,
    );
  return lignes.map((l) => ({ ligne: l.record, numero: l.info.lines }));
}

/** Les fichiers écrivent « ; » là où le ROME met une virgule. */
const virgules = (libelle: string) => libelle.replace(/\s*;\s*/g, ', ').trim();

function code(valeur: string | undefined, ou: string): string {
  const r = schemaCodeRome.safeParse(valeur?.trim());
  if (!r.success) throw new ErreurImportMetiers(`${ou} : « ${valeur ?? ''} » n’est pas un code ROME (une lettre de A à N et 4 chiffres).`);
  return r.data;
}

/**
 * Réunit les fichiers du ROME : familles, appellations, embauches par secteur, difficultés de recrutement 2020.
 * @throws ErreurImportMetiers avec le fichier et la ligne fautive.
 */
export function importerMetiers(dossier = DOSSIER_ROME): MetiersGeneres {
  const familles = new Map<string, Famille>();
  for (const { ligne, numero } of lire(dossier, 'rome_labels.csv', '|', ['rome_id', 'rome_label'])) {
    const c = code(ligne.rome_id, `rome_labels.csv, ligne ${numero}`);
    familles.set(c, { code: c, libelle: virgules(ligne.rome_label ?? ''), appellations: [], tetes: [], embauches: [], tension: [] });
  }
  const libelles = new Map(
    lire(dossier, 'ogr_labels.csv', '|', ['ogr_id', 'ogr_label']).map(({ ligne }) => [ligne.ogr_id, ligne.ogr_label]),
  );
  for (const { ligne, numero } of lire(dossier, 'ogr_rome_mapping.csv', '|', ['ogr_id', 'rome_id'])) {
    const ou = `ogr_rome_mapping.csv, ligne ${numero}`;
    const famille = familles.get(code(ligne.rome_id, ou));
    const libelle = libelles.get(ligne.ogr_id);
    if (!famille) throw new ErreurImportMetiers(`${ou} : le code ${ligne.rome_id} n’est pas dans rome_labels.csv.`);
    if (!libelle?.trim()) throw new ErreurImportMetiers(`${ou} : l’appellation ${ligne.ogr_id} n’est pas dans ogr_labels.csv.`);
    famille.appellations.push(virgules(libelle));
  }
  const secteurs: Record<string, string> = {};
  for (const { ligne, numero } of lire(dossier, 'rome_naf_mapping.csv', ',', ['rome_id', 'naf_id', 'naf_label', 'hirings'])) {
    const ou = `rome_naf_mapping.csv, ligne ${numero}`;
    const famille = familles.get(code(ligne.rome_id, ou));
    const embauches = Number(ligne.hirings);
    if (!famille) throw new ErreurImportMetiers(`${ou} : le code ${ligne.rome_id} n’est pas dans rome_labels.csv.`);
    if (!/^\d{4}[A-Z]$/.test(ligne.naf_id ?? '') || !Number.isInteger(embauches) || embauches < 0)
      throw new ErreurImportMetiers(`${ou} : un code NAF (4 chiffres et une lettre) et un nombre d’embauches entier sont attendus.`);
    secteurs[ligne.naf_id!] = ligne.naf_label!.trim();
    famille.embauches.push([ligne.naf_id!, embauches]);
  }
  for (const { ligne, numero } of lire(dossier, 'metiers_tension_rome_2020.csv', ',', ['fap_code', 'fap', 'tension_pct', 'rome_code'])) {
    const ou = `metiers_tension_rome_2020.csv, ligne ${numero}`;
    const famille = familles.get(code(ligne.rome_code, ou));
    const pourcentage = Number(ligne.tension_pct);
    if (!famille) throw new ErreurImportMetiers(`${ou} : le code ${ligne.rome_code} n’est pas dans rome_labels.csv.`);
    if (!Number.isFinite(pourcentage) || pourcentage < 0 || pourcentage > 100)
      throw new ErreurImportMetiers(`${ou} : tension_pct doit être un pourcentage entre 0 et 100 (point décimal).`);
    const tension: Tension = { fap: ligne.fap_code!.trim(), libelle: ligne.fap!.trim(), pourcentage };
    if (!famille.tension.some((t) => t.fap === tension.fap)) famille.tension.push(tension);
  }
  const liste = [...familles.values()].filter((f) => f.appellations.length > 0);
  for (const f of liste) {
    f.appellations.sort((a, b) => a.localeCompare(b, 'fr'));
    const tetes = new Map<string, number>();
    for (const a of f.appellations) tetes.set(formesAppellation(a).tete, (tetes.get(formesAppellation(a).tete) ?? 0) + 1);
    f.tetes = [...tetes].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'fr'));
    f.embauches.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    f.tension.sort((a, b) => b.pourcentage - a.pourcentage);
  }
  return schemaMetiersGeneres.parse({ source: SOURCE, secteurs, familles: liste.sort((a, b) => a.code.localeCompare(b.code)) });
}
