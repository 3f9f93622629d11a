import { enTransaction } from '../../db/transaction.ts';
import { acteurCompte, journaliserAction } from '../conseiller/audit.ts';
import type { Dependances } from '../dependances.ts';
import { echec } from './erreurs.ts';
import { depotParcours, type Dossier } from './repository.ts';
import { CHAMPS_UO1, POURQUOI, schemaDonneesUo1, type ChampUo1, type DonneesUo1 } from './schema.ts';
import { dossierServi, lire } from './service.ts';
import type { NomTable } from './referentiels.ts';

/** Qui saisit : la personne (son espace) ou un conseiller. */
export type Auteur = 'beneficiaire' | { id: number };

/** Libellés des champs de l'annexe 2 dus dès l'UO 1. */
export const LIBELLES_CHAMPS: Record<ChampUo1, string> = {
  sexe: 'Sexe',
  adresseNumeroVoie: 'Numéro de voie',
  adresseTypeVoie: 'Type de voie',
  adresseNomVoie: 'Nom de la voie',
  adresseCodePostal: 'Code postal',
  adresseCommune: 'Commune',
  niveauFormation: 'Niveau de formation',
  secteurActivite: 'Secteur d’activité de l’entreprise',
  tailleEntreprise: 'Taille de l’entreprise',
  categorieSociale: 'Catégorie sociale',
  libelleProfession: 'Métier exercé',
  entreeEntreprise: 'Mois et année d’entrée dans l’entreprise',
  departementEntreprise: 'Département de l’entreprise',
  codePostalEntreprise: 'Code postal de l’entreprise',
  communeEntreprise: 'Commune de l’entreprise',
};

/** La table de référence des champs à choisir dans une liste (content/parcours/). */
export const TABLE_DU_CHAMP: Partial<Record<ChampUo1, NomTable>> = {
  sexe: 'sexes',
  niveauFormation: 'niveaux-formation',
  secteurActivite: 'sections-naf',
  tailleEntreprise: 'tailles-entreprise',
  categorieSociale: 'categories-sociales',
};
/** Champs facultatifs de l'annexe 2 (lieu de l'entreprise) : tous les autres sont dus dès l'UO 1. */
const FACULTATIFS = new Set<ChampUo1>(['departementEntreprise', 'codePostalEntreprise', 'communeEntreprise']);

/**
 * Enregistre tout ou partie des données de l'annexe 2 dues dès l'UO 1, saisies une fois pour le dossier : par la personne
 * avant son rendez-vous, complétées par le conseiller ensuite. Chaque champ garde qui l'a saisi ; un champ vide n'efface
 * rien. L'audit nomme les champs, jamais leurs valeurs.
 */
export async function renseignerDonneesUo1(
  deps: Pick<Dependances, 'db' | 'deploiement' | 'maintenant' | 'referentielsParcours'>,
  auteur: Auteur,
  dossierId: number,
  saisie: unknown,
) {
  const propre = Object.fromEntries(
    Object.entries((saisie ?? {}) as Record<string, unknown>).filter(([, v]) => v !== '' && v !== null && v !== undefined),
  );
  const lu = lire(schemaDonneesUo1(deps.referentielsParcours), propre);
  if (!lu.ok) return lu;
  const dossier = await dossierServi(deps, dossierId);
  if (!dossier) return echec('DOSSIER_INCONNU');
  const champs = Object.keys(lu.valeur);
  if (champs.length === 0) return { ok: true as const };
  const qui = auteur === 'beneficiaire' ? 'beneficiaire' : 'conseiller';
  const saisiesPar = {
    ...(JSON.parse(dossier.donneesSaisiesPar) as Record<string, string>),
    ...Object.fromEntries(champs.map((c) => [c, qui])),
  };
  const donnees = { ...(JSON.parse(dossier.donnees) as DonneesUo1), ...lu.valeur };
  const instant = deps.maintenant().toISOString();
  await enTransaction(deps.db, async (tx) => {
    await depotParcours(tx).modifierDossier(dossier.id, {
      donnees: JSON.stringify(donnees),
      donneesSaisiesPar: JSON.stringify(saisiesPar),
      modifieLe: instant,
    });
    await journaliserAction(tx, {
      acteur: auteur === 'beneficiaire' ? 'beneficiaire' : acteurCompte(auteur.id),
      action: 'parcours.donnees',
      cible: dossier.identifiant,
      details: { champs },
      horodatage: instant,
    });
  });
  return { ok: true as const };
}

/** Un champ tel que la personne ou le conseiller le voit : valeur, libellé de la valeur, pourquoi on le demande, qui l'a saisi. */
export interface ChampAffiche {
  champ: ChampUo1;
  libelle: string;
  valeur?: string;
  valeurLisible?: string;
  pourquoi: string;
  obligatoire: boolean;
  saisiPar?: 'beneficiaire' | 'conseiller';
}

/** Les données de l'UO 1 d'un dossier, champ par champ, pour les formulaires (rien n'est redemandé s'il est déjà connu). */
export function donneesUo1(
  deps: Pick<Dependances, 'referentielsParcours'>,
  dossier: Pick<Dossier, 'donnees' | 'donneesSaisiesPar'>,
): ChampAffiche[] {
  const donnees = JSON.parse(dossier.donnees) as Record<string, string>;
  const par = new Map(Object.entries(JSON.parse(dossier.donneesSaisiesPar) as Record<string, 'beneficiaire' | 'conseiller'>));
  const valeurs = new Map(Object.entries(donnees));
  return CHAMPS_UO1.map((champ) => {
    const valeur = valeurs.get(champ);
    const table = TABLE_DU_CHAMP[champ];
    return {
      champ,
      libelle: LIBELLES_CHAMPS[champ],
      ...(valeur !== undefined
        ? { valeur, valeurLisible: table ? (deps.referentielsParcours.libelle(table, valeur) ?? valeur) : valeur }
        : {}),
      pourquoi: POURQUOI[champ],
      obligatoire: !FACULTATIFS.has(champ),
      ...(par.get(champ) ? { saisiPar: par.get(champ) } : {}),
    };
  });
}

/** Les champs dus dès l'UO 1 encore vides : le conseiller les complète à l'engagement. */
export const champsManquants = (deps: Pick<Dependances, 'referentielsParcours'>, dossier: Pick<Dossier, 'donnees' | 'donneesSaisiesPar'>) =>
  donneesUo1(deps, dossier)
    .filter((c) => c.obligatoire && c.valeur === undefined)
    .map((c) => c.champ);
