import { z } from 'zod';
import { estDateCivile } from '../calendrier/dates.ts';

/** En-têtes du fichier publié sur data.gouv.fr, par champ. Les colonnes en plus ou dans un autre ordre sont tolérées. */
export const COLONNES = {
  numero: 'numeroDeclarationActivite',
  denomination: 'denomination',
  siren: 'siren',
  siret: 'siretEtablissementDeclarant',
  voie: 'adressePhysiqueOrganismeFormation.voie',
  codePostal: 'adressePhysiqueOrganismeFormation.codePostal',
  ville: 'adressePhysiqueOrganismeFormation.ville',
  codeRegion: 'adressePhysiqueOrganismeFormation.codeRegion',
  certifieFormation: 'certifications.actionsDeFormation',
  certifieBilan: 'certifications.bilansDeCompetences',
  certifieVae: 'certifications.VAE',
  certifieApprentissage: 'certifications.actionsDeFormationParApprentissage',
  dateDeclaration: 'informationsDeclarees.dateDerniereDeclaration',
  nbStagiaires: 'informationsDeclarees.nbStagiaires',
  effectifFormateurs: 'informationsDeclarees.effectifFormateurs',
} as const;

export const PREFIXE_SPECIALITE = 'informationsDeclarees.specialitesDeFormation.';

/** Colonnes sans lesquelles le fichier n'est pas la liste attendue : l'import s'arrête avant d'écrire. */
export const COLONNES_OBLIGATOIRES = [COLONNES.numero, COLONNES.denomination, COLONNES.siren, COLONNES.certifieFormation, COLONNES.certifieBilan, COLONNES.certifieVae];

const vide = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const texteFacultatif = z.preprocess(vide, z.string().trim().optional());
const booleen = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
  z.enum(['true', 'false', '1', '0', 'vrai', 'faux', ''], { error: 'certification : attendu true ou false' }).transform((v) => v === 'true' || v === '1' || v === 'vrai'),
);
const entierFacultatif = z.preprocess(vide, z.coerce.number({ error: 'nombre attendu' }).int('nombre entier attendu').min(0, 'nombre positif attendu').optional());

/** Une ligne du fichier, validée et convertie. */
export const schemaLigneOrganisme = z.object({
  numero: z.string({ error: 'numéro de déclaration absent' }).trim().regex(/^[0-9A-Za-z]{11}$/, 'numéro de déclaration : 11 caractères attendus'),
  denomination: z.string({ error: 'dénomination absente' }).trim().min(1, 'dénomination vide').max(300, 'dénomination trop longue'),
  siren: z.string({ error: 'SIREN absent' }).trim().regex(/^\d{9}$/, 'SIREN : 9 chiffres attendus'),
  siret: z.preprocess(vide, z.string().trim().regex(/^\d{14}$/, 'SIRET : 14 chiffres attendus').optional()),
  voie: texteFacultatif,
  codePostal: z.preprocess(vide, z.string().trim().regex(/^\d{5}$/, 'code postal : 5 chiffres attendus').optional()),
  ville: texteFacultatif,
  codeRegion: z.preprocess(vide, z.string().trim().regex(/^\d{2,3}$/, 'code région invalide').optional()),
  certifieFormation: booleen,
  certifieBilan: booleen,
  certifieVae: booleen,
  certifieApprentissage: booleen.default(false),
  dateDeclaration: z.preprocess(
    vide,
    z
      .string()
      .trim()
      .regex(/^\d{2}\/\d{2}\/\d{4}$/, 'date de déclaration : jj/mm/aaaa attendu')
      .transform((d) => `${d.slice(6, 10)}-${d.slice(3, 5)}-${d.slice(0, 2)}`)
      .refine(estDateCivile, 'date de déclaration impossible')
      .optional(),
  ),
  nbStagiaires: entierFacultatif,
  effectifFormateurs: entierFacultatif,
  specialites: z.array(z.object({ code: z.string(), libelle: z.string() })),
});

export type LigneOrganisme = z.infer<typeof schemaLigneOrganisme>;

/** Lit les spécialités 1 à 3 d'une ligne brute (code et libellé). */
export function specialitesDeLigne(brute: Record<string, string | undefined>): { code: string; libelle: string }[] {
  const resultat: { code: string; libelle: string }[] = [];
  for (let i = 1; i <= 3; i++) {
    const code = brute[`${PREFIXE_SPECIALITE}codeSpecialite${i}`]?.trim();
    const libelle = brute[`${PREFIXE_SPECIALITE}libelleSpecialite${i}`]?.trim();
    if (code) resultat.push({ code, libelle: libelle || code });
  }
  return resultat;
}
