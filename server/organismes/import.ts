import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import type { BaseDeDonnees } from '../../db/client.ts';
import type { Versions } from '../../db/versions.ts';
import type { RechercheCommunes } from '../territoires/recherche-communes.ts';
import type { Referentiel } from '../territoires/referentiel.ts';
import { normaliser, normaliserNomLieu } from '../texte/normaliser.ts';
import { chargement, depotRapideOrganismes, type LigneChargee } from './repository.ts';
import { calculateurDeTermes } from './termes.ts';
import { COLONNES, COLONNES_OBLIGATOIRES, schemaLigneOrganisme, specialitesDeLigne } from './schema.ts';

/** Ce que l'import a fait : les lignes retenues, et pourquoi les autres ont été écartées. */
export interface BilanImport {
  fichier: string;
  lignesLues: number;
  retenues: number;
  ecartees: number;
  /** Nombre de lignes écartées par raison. */
  raisons: Record<string, number>;
  /** Les premières lignes écartées, avec leur numéro de ligne dans le fichier. */
  exemples: { ligne: number; raison: string }[];
  dateDonnees: string | null;
}

/** Un import refusé avant toute écriture dans la liste en service. */
export class ErreurImport extends Error {
  override name = 'ErreurImport';
}

/** Trouve la commune (INSEE) et le département d'une adresse à partir du code postal et de la ville. */
function localisateur(referentiel: Referentiel, communes: RechercheCommunes) {
  const cache = new Map<string, { commune?: string; departement?: string; region?: string }>();
  return (codePostal: string | undefined, ville: string | undefined) => {
    if (!codePostal) return {};
    const cle = `${codePostal}|${ville ?? ''}`;
    let trouve = cache.get(cle);
    if (!trouve) {
      const candidates = communes.chercher(codePostal, 50);
      const nom = ville ? normaliserNomLieu(ville.replace(/\bcedex\b.*$/i, '')) : '';
      const commune = candidates.find((c) => normaliserNomLieu(c.nom) === nom) ?? (candidates.length === 1 ? candidates[0] : undefined);
      const departement = commune?.departement ?? candidates[0]?.departement;
      trouve = { commune: commune?.code, departement, region: departement ? referentiel.departement(departement)?.region : undefined };
      cache.set(cle, trouve);
    }
    return trouve;
  };
}

const TAILLE_LOT = 500;

/**
 * Importe la liste publique des organismes de formation (CSV `;`, UTF-8) en flux : chaque ligne est validée,
 * les lignes invalides sont comptées et expliquées, les autres vont dans une table de chargement ; à la fin
 * seulement, la liste en service est remplacée d'un coup. Si le fichier est illisible, n'a pas les colonnes
 * attendues ou ne contient aucune ligne valide, la liste en service ne change pas.
 */
export async function importerOrganismes(
  deps: { db: BaseDeDonnees; referentiel: Referentiel; communes: RechercheCommunes; maintenant: () => Date; versions?: Pick<Versions, 'noter'> },
  chemin: string,
  options: { surProgression?: (lignesLues: number) => void } = {},
): Promise<BilanImport> {
  const bilan: BilanImport = { fichier: basename(chemin), lignesLues: 0, retenues: 0, ecartees: 0, raisons: {}, exemples: [], dateDonnees: null };
  const depot = chargement(deps.db);
  const localiser = localisateur(deps.referentiel, deps.communes);
  const termesOrganisme = calculateurDeTermes(deps.referentiel);
  await depot.vider();
  const lot: LigneChargee[] = [];
  const ecarter = (ligne: number, raison: string) => {
    bilan.ecartees++;
    bilan.raisons[raison] = (bilan.raisons[raison] ?? 0) + 1;
    if (bilan.exemples.length < 20) bilan.exemples.push({ ligne, raison });
  };
  try {
    let entetesVerifiees = false;
    const traiter = ({ record, info }: { record: Record<string, string | undefined>; info: { lines: number; columns: unknown[]; invalid_field_length: number } }) => {
      if (!entetesVerifiees) {
        const manquantes = COLONNES_OBLIGATOIRES.filter((c) => !(c in record));
        if (manquantes.length) throw new ErreurImport(`Colonnes absentes du fichier : ${manquantes.join(', ')}. Est-ce bien la liste publique des organismes de formation ?`);
        entetesVerifiees = true;
      }
      bilan.lignesLues++;
      if (bilan.lignesLues % 10_000 === 0) options.surProgression?.(bilan.lignesLues);
      if (info.invalid_field_length > 0 || Object.keys(record).length !== info.columns.length) {
        ecarter(info.lines, 'nombre de colonnes différent de l’en-tête');
        return;
      }
      const brute: Record<string, unknown> = { specialites: specialitesDeLigne(record) };
      for (const champ in COLONNES) brute[champ] = record[COLONNES[champ as keyof typeof COLONNES]];
      const verdict = schemaLigneOrganisme.safeParse(brute);
      if (!verdict.success) {
        ecarter(info.lines, verdict.error.issues[0]!.message);
        return;
      }
      const ligne = verdict.data;
      const lieu = localiser(ligne.codePostal, ligne.ville);
      const localisation = { ...lieu, region: ligne.codeRegion ?? lieu.region };
      lot.push({ ...ligne, cleTri: normaliser(ligne.denomination), ...localisation, termes: termesOrganisme(ligne, localisation) });
      if (ligne.dateDeclaration && (!bilan.dateDonnees || ligne.dateDeclaration > bilan.dateDonnees)) bilan.dateDonnees = ligne.dateDeclaration;
    };
    // Lecture en flux, lignes traitées aussitôt et écrites par lots de TAILLE_LOT : la lecture attend l'écriture de
    // chaque lot (asynchrone sur PostgreSQL), si bien qu'au plus un lot et le tampon du flux sont en mémoire, quelle
    // que soit la taille du fichier. Une erreur de lecture, d'analyse ou d'écriture arrête les deux flux.
    await pipeline(
      createReadStream(chemin),
      parse({ delimiter: ';', columns: true, bom: true, skip_empty_lines: true, relax_column_count: true, info: true }),
      async (enregistrements: AsyncIterable<Parameters<typeof traiter>[0]>) => {
        for await (const enregistrement of enregistrements) {
          traiter(enregistrement);
          if (lot.length >= TAILLE_LOT) bilan.retenues += await depot.ajouter(lot.splice(0));
        }
      },
    );
    bilan.retenues += await depot.ajouter(lot.splice(0));
    if (!entetesVerifiees) throw new ErreurImport('Le fichier est vide.');
    if (bilan.retenues === 0) throw new ErreurImport('Aucune ligne valide dans le fichier : la liste actuelle est gardée.');
    await depot.mettreEnService({ importeLe: deps.maintenant().toISOString(), fichier: bilan.fichier, lignesLues: bilan.lignesLues, retenues: bilan.retenues, ecartees: bilan.ecartees, dateDonnees: bilan.dateDonnees });
    // Cette instance sert aussitôt la nouvelle liste ; les autres l'apprennent par l'annonce de la version (db/versions.ts).
    deps.versions?.noter('organismes', await depotRapideOrganismes(deps.db).versionImport());
    return bilan;
  } catch (erreur) {
    await depot.vider();
    if (erreur instanceof ErreurImport) throw erreur;
    const message = (erreur as Error).message;
    throw new ErreurImport(`Fichier illisible (ligne ${bilan.lignesLues + 1} environ) : ${message}. La liste actuelle est gardée.`);
  }
}
