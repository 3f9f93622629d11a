import { z } from 'zod';
import type { Dependances } from '../dependances.ts';
import { depotOrganismes, PRESTATIONS, type FiltresOrganismes, type Organisme, type Prestation } from './repository.ts';

export const PAR_PAGE = 50;

const codeOptionnel = (motif: RegExp, message: string) =>
  z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().toUpperCase().regex(motif, message).optional());

/** Les filtres de la liste, tels qu'ils arrivent d'un formulaire ou d'une adresse. */
export const schemaFiltresOrganismes = z.object({
  region: codeOptionnel(/^\d{2}$/, 'La région doit être un code à 2 chiffres, par exemple 11 pour l’Île-de-France.'),
  departement: codeOptionnel(/^(\d{2,3}|2A|2B)$/, 'Le département doit être un code comme 93, 2A ou 974.'),
  prestation: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.enum(Object.keys(PRESTATIONS) as [Prestation, ...Prestation[]], { error: 'Choisissez une prestation dans la liste.' }).optional(),
  ),
  /** `non` : afficher aussi les organismes sans certification Qualiopi pour la prestation. */
  certifies: z.enum(['oui', 'non'], { error: 'Le filtre de certification vaut oui ou non.' }).default('oui'),
  specialite: z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().regex(/^\d{3}$/, 'La spécialité est un code à 3 chiffres.').optional()),
  ordre: z.enum(['alphabetique', 'hasard'], { error: 'L’ordre vaut alphabetique ou hasard.' }).default('alphabetique'),
  /** Graine de l'ordre tiré au hasard : la même graine redonne le même ordre, que l'on peut vérifier. */
  graine: z.coerce.number({ error: 'La graine est un nombre.' }).int('La graine est un nombre entier.').min(1, 'La graine va de 1 à 999999.').max(999_999, 'La graine va de 1 à 999999.').optional(),
  page: z.coerce.number({ error: 'La page est un nombre.' }).int('La page est un nombre entier.').min(1, 'La page commence à 1.').max(10_000, 'Page trop loin.').default(1),
});
export type FiltresDemandes = z.infer<typeof schemaFiltresOrganismes>;

/** Un organisme tel qu'on le montre : avec ses certifications et la mention « organisme de l'opérateur ». */
export interface OrganismeAffiche {
  numero: string;
  denomination: string;
  siret: string | null;
  adresse: string;
  departement: string | null;
  region: string | null;
  certifications: Prestation[];
  specialites: { code: string; libelle: string }[];
  dateDeclaration: string | null;
  /** Vrai si l'organisme appartient à l'opérateur régional qui publie ce portail. */
  organismeDeLOperateur: boolean;
}

/** FNV-1a 32 bits : rapide, stable, sans dépendance, suffisant pour battre les cartes. */
function fnv1a(texte: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < texte.length; i++) {
    h ^= texte.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** L'ordre tiré au hasard avec une graine : il ne dépend que de la graine et du numéro de chaque organisme. */
export function melanger(numeros: string[], graine: number): string[] {
  return numeros.map((n) => ({ n, cle: fnv1a(`${graine}:${n}`) })).sort((a, b) => a.cle - b.cle || (a.n < b.n ? -1 : 1)).map((x) => x.n);
}

export function versAffiche(o: Organisme, propres: readonly string[]): OrganismeAffiche {
  return {
    numero: o.numero,
    denomination: o.denomination,
    siret: o.siret,
    adresse: [o.voie, [o.codePostal, o.ville].filter(Boolean).join(' ')].filter(Boolean).join(', '),
    departement: o.departement,
    region: o.region,
    certifications: (Object.keys(PRESTATIONS) as Prestation[]).filter((p) =>
      p === 'bilan-de-competences' ? o.certifieBilan : p === 'vae' ? o.certifieVae : p === 'formation' ? o.certifieFormation : o.certifieApprentissage,
    ),
    specialites: JSON.parse(o.specialites) as { code: string; libelle: string }[],
    dateDeclaration: o.dateDeclaration,
    organismeDeLOperateur: propres.includes(o.siren),
  };
}

const filtresBase = (f: FiltresDemandes): FiltresOrganismes => ({
  region: f.region,
  departement: f.departement,
  prestation: f.prestation,
  certifiesSeulement: f.certifies === 'oui',
  specialite: f.specialite,
});

/**
 * Les comptes ne changent qu'à l'import : on les garde, par base et par import, pour ne pas recompter à chaque page.
 */
const comptes = new WeakMap<object, Map<string, number>>();
async function compter(deps: Pick<Dependances, 'db'>, depot: ReturnType<typeof depotOrganismes>, filtres: FiltresOrganismes, importId: number | undefined): Promise<number> {
  let cache = comptes.get(deps.db);
  if (!cache) comptes.set(deps.db, (cache = new Map<string, number>()));
  const cle = `${importId ?? 0}|${JSON.stringify(filtres)}`;
  let n = cache.get(cle);
  if (n === undefined) {
    n = await depot.compter(filtres);
    if (cache.size > 1000) cache.clear();
    cache.set(cle, n);
  }
  return n;
}

/**
 * Une page de la liste, dans un ordre qui ne favorise personne : alphabétique, ou tiré au hasard avec une
 * graine affichée. Jamais de classement par l'opérateur.
 */
export async function listerOrganismes(deps: Pick<Dependances, 'db' | 'deploiement'>, f: FiltresDemandes) {
  const depot = depotOrganismes(deps.db);
  const filtres = filtresBase(f);
  const dernier = await depot.dernierImport();
  const total = await compter(deps, depot, filtres, dernier?.id);
  const decalage = (f.page - 1) * PAR_PAGE;
  let lignes: Organisme[];
  if (f.ordre === 'hasard') {
    const page = melanger(await depot.numeros(filtres), f.graine ?? 1).slice(decalage, decalage + PAR_PAGE);
    const parNumero = new Map((await depot.parNumeros(page)).map((o) => [o.numero, o]));
    lignes = page.map((n) => parNumero.get(n)!).filter(Boolean);
  } else {
    lignes = await depot.pageAlphabetique(filtres, decalage, PAR_PAGE);
  }
  return {
    total,
    page: f.page,
    pages: Math.max(1, Math.ceil(total / PAR_PAGE)),
    parPage: PAR_PAGE,
    ordre: f.ordre,
    graine: f.ordre === 'hasard' ? (f.graine ?? 1) : undefined,
    dateDonnees: dernier?.dateDonnees ?? null,
    importeLe: dernier?.importeLe ?? null,
    resultats: lignes.map((o) => versAffiche(o, deps.deploiement.organismesPropres)),
  };
}

/** Toute la sélection (liste imprimable et export CSV), dans l'ordre choisi. */
export async function listeComplete(deps: Pick<Dependances, 'db' | 'deploiement'>, f: FiltresDemandes): Promise<OrganismeAffiche[]> {
  const depot = depotOrganismes(deps.db);
  const tous = await depot.tous(filtresBase(f));
  const ordonnes = f.ordre === 'hasard' ? (() => { const rang = new Map(melanger(tous.map((o) => o.numero), f.graine ?? 1).map((n, i) => [n, i])); return [...tous].sort((a, b) => rang.get(a.numero)! - rang.get(b.numero)!); })() : tous;
  return ordonnes.map((o) => versAffiche(o, deps.deploiement.organismesPropres));
}
