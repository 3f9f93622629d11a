import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { FUSEAU_PARIS, partiesLocales } from '../calendrier/fuseaux.ts';
import { decrire, type FichierDecrit } from '../export/quotidien.ts';
import { FRAIS, UO_MOYENS, type LigneMoyens } from './schema.ts';
import type { ReleveEnregistre } from './repository.ts';

/** Le manifeste d'un dépôt des moyens : le fichier, sa taille et son empreinte SHA-256. */
export const schemaManifesteMoyens = z.strictObject({
  semestre: z.string(),
  operateur: z.string(),
  version: z.number().int().min(1),
  /** Instant de fabrication, UTC ISO 8601. */
  genereLe: z.string(),
  fichiers: z.array(
    z.strictObject({
      nom: z.string(),
      octets: z.number().int(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      enregistrements: z.number().int(),
    }),
  ),
});
export type ManifesteMoyens = z.infer<typeof schemaManifesteMoyens>;

const NOMBRE = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2, useGrouping: false });

/** La ligne du fichier d'un relevé, déposé à `instant`. */
export function ligneDuReleve(r: ReleveEnregistre, operateur: string, instant: Date): LigneMoyens {
  const { date, heure } = partiesLocales(instant, FUSEAU_PARIS);
  const n = (valeur: number) => NOMBRE.format(valeur);
  const releve = r.releve;
  return {
    semestre: r.semestre,
    operateur,
    version: String(r.version),
    date,
    heure: `${heure}:${String(instant.getUTCSeconds()).padStart(2, '0')}`,
    horodatage: instant.toISOString(),
    ...(Object.fromEntries(UO_MOYENS.map((uo) => [`etpUo${uo}`, n(releve[`etpUo${uo}`])])) as Pick<
      LigneMoyens,
      `etpUo${(typeof UO_MOYENS)[number]}`
    >),
    nombreImplantations: String(releve.implantations.length),
    effectifsImplantations: releve.implantations.map((i) => i.effectif).join('|'),
    codesPostauxImplantations: releve.implantations.map((i) => i.codePostal).join('|'),
    codesPostauxAutresPoints: releve.autresPoints.join('|'),
    ...(Object.fromEntries(UO_MOYENS.map((uo) => [`coutJourEtpUo${uo}`, n(releve[`coutJourEtpUo${uo}`])])) as Pick<
      LigneMoyens,
      `coutJourEtpUo${(typeof UO_MOYENS)[number]}`
    >),
    ...(Object.fromEntries(FRAIS.map(([cle]) => [cle, n(releve[cle])])) as Pick<LigneMoyens, (typeof FRAIS)[number][0]>),
  };
}

/** Le nom des fichiers d'un semestre, sans extension. @example nomMoyens('01', '2026-S2') === 'cep-01-2026-S2-moyens' */
export const nomMoyens = (operateur: string, semestre: string) => `cep-${operateur}-${semestre}-moyens`;

/**
 * Écrit dans `dossier` le CSV du relevé (UTF-8, `;`, une ligne d'en-tête, une ligne) et son manifeste
 * `…-moyens-manifeste.json` ; rend les deux fichiers décrits, le manifeste en dernier (l'ordre du dépôt).
 */
export function ecrireMoyens(r: ReleveEnregistre, options: { dossier: string; operateur: string; instant: Date }): FichierDecrit[] {
  const { dossier, operateur, instant } = options;
  const base = nomMoyens(operateur, r.semestre);
  mkdirSync(dossier, { recursive: true });
  writeFileSync(join(dossier, `${base}.csv`), stringify([ligneDuReleve(r, operateur, instant)], { header: true, delimiter: ';' }));
  const csv = decrire(join(dossier, `${base}.csv`), dossier);
  const manifeste: ManifesteMoyens = {
    semestre: r.semestre,
    operateur,
    version: r.version,
    genereLe: instant.toISOString(),
    fichiers: [{ ...csv, enregistrements: 1 }],
  };
  writeFileSync(join(dossier, `${base}-manifeste.json`), `${JSON.stringify(manifeste, null, 2)}\n`);
  return [csv, decrire(join(dossier, `${base}-manifeste.json`), dossier)];
}
