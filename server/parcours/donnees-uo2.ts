import type { NomTable } from './referentiels.ts';
import type { UniteOeuvre } from './repository.ts';
import type { DonneesUo2 } from './schema.ts';

/** Les données de l'UO 2 (annexe 2 §2), dans l'ordre du formulaire de la fiche du dossier. */
export const CHAMPS_UO2 = [
  'typesService',
  'prestationsComplementaires',
  'autoPrescription',
  'financementsFormation',
  'decouvertesMetiers',
  'projetReconversionCpir',
  'etatProjet',
  'descriptionService',
] as const satisfies readonly (keyof DonneesUo2)[];
export type ChampUo2 = (typeof CHAMPS_UO2)[number];

/** Libellés des champs, tels que les lit le conseiller. */
export const LIBELLES_UO2: Record<ChampUo2, string> = {
  typesService: 'Types de service mobilisés',
  prestationsComplementaires: 'Prestations complémentaires réalisées pendant l’accompagnement',
  autoPrescription: 'Une prestation complémentaire est-elle réalisée par l’opérateur lui-même (« auto-prescription ») ?',
  financementsFormation: 'Financements de formation mobilisés',
  decouvertesMetiers: 'Découvertes métiers, formation en situation de travail ou expériences d’emploi',
  projetReconversionCpir: 'Un projet de reconversion professionnelle a-t-il été déposé à la CPIR (dispositif démissionnaire) ?',
  etatProjet: 'État du projet à la clôture',
  descriptionService: 'Description du service rendu',
};

/** Comment chaque champ se saisit : cases à cocher, oui/non, liste déroulante, texte libre. */
export const FORME_UO2: Record<ChampUo2, 'cases' | 'oui-non' | 'liste' | 'texte'> = {
  typesService: 'cases',
  prestationsComplementaires: 'cases',
  autoPrescription: 'oui-non',
  financementsFormation: 'cases',
  decouvertesMetiers: 'cases',
  projetReconversionCpir: 'oui-non',
  etatProjet: 'liste',
  descriptionService: 'texte',
};

/** L'aide de chaque champ : ce que la clôture en exige (annexe 2 §2). */
export const AIDES_UO2: Record<ChampUo2, string> = {
  typesService: 'Au moins un, exigé à la clôture (annexe 2).',
  prestationsComplementaires: 'Ne cochez rien s’il n’y en a pas : l’enregistrement répond « aucune ».',
  autoPrescription: 'Exigé à la clôture s’il y a une prestation complémentaire.',
  financementsFormation: 'Ne cochez rien s’il n’y en a pas : l’enregistrement répond « aucun ».',
  decouvertesMetiers: 'Ne cochez rien s’il n’y en a pas : l’enregistrement répond « aucune ».',
  projetReconversionCpir: 'Facultatif (annexe 2).',
  etatProjet: 'Exigé à la clôture de l’UO 2.2.',
  descriptionService: 'Exigée à la clôture de l’UO 2.2.',
};

/**
 * Les valeurs à montrer dans le formulaire, en texte : celles renvoyées après un échec, sinon celles enregistrées
 * (une réponse oui/non devient `oui` ou `non`).
 */
export function valeursFormulaireUo2(
  uo: Pick<UniteOeuvre, 'donneesUo2'>,
  renvoi?: { saisie: Record<string, string>; listes: Record<string, string[]> },
): { listes: Map<string, string[]>; textes: Map<string, string> } {
  if (renvoi) return { listes: new Map(Object.entries(renvoi.listes)), textes: new Map(Object.entries(renvoi.saisie)) };
  const listes = new Map<string, string[]>();
  const textes = new Map<string, string>();
  for (const [champ, valeur] of Object.entries(lireDonneesUo2(uo))) {
    if (Array.isArray(valeur)) listes.set(champ, valeur);
    else textes.set(champ, typeof valeur === 'boolean' ? (valeur ? 'oui' : 'non') : String(valeur));
  }
  return { listes, textes };
}

/** La table de référence (content/parcours/) de chaque champ à choisir dans une liste. */
export const TABLE_UO2 = new Map<ChampUo2, NomTable>([
  ['typesService', 'types-service'],
  ['prestationsComplementaires', 'prestations-complementaires'],
  ['financementsFormation', 'financements-formation'],
  ['decouvertesMetiers', 'decouvertes-metiers'],
  ['etatProjet', 'etats-projet'],
]);

/** Les données de l'UO 2 enregistrées (objet vide pour une UO qui n'en a pas encore). */
export const lireDonneesUo2 = (uo: Pick<UniteOeuvre, 'donneesUo2'>): DonneesUo2 => JSON.parse(uo.donneesUo2 ?? '{}') as DonneesUo2;

/**
 * Ce que l'annexe 2 §2 exige d'une UO 2 à sa clôture et qui manque encore, champ par champ avec un message qui dit quoi
 * faire. Une liste enregistrée vide est une réponse (« aucune ») ; une liste jamais enregistrée n'en est pas une.
 * L'auto-prescription n'est demandée que s'il y a une prestation complémentaire ; l'état du projet et la description du
 * service, seulement pour l'UO 2.2. Le dépôt à la CPIR est facultatif (annexe 2 : « Non »).
 */
export function donneesUo2Manquantes(uo: Pick<UniteOeuvre, 'uo' | 'donneesUo2'>): { champ: ChampUo2; message: string }[] {
  if (uo.uo === '01') return [];
  const d = lireDonneesUo2(uo);
  const manque: { champ: ChampUo2; message: string }[] = [];
  const reponduListe = (champ: ChampUo2, quoi: string) => {
    if (d[champ] === undefined)
      manque.push({ champ, message: `Indiquez ${quoi}, ou enregistrez le formulaire sans rien cocher s’il n’y en a pas.` });
  };
  if (!d.typesService?.length) manque.push({ champ: 'typesService', message: 'Cochez au moins un type de service mobilisé.' });
  reponduListe('prestationsComplementaires', 'les prestations complémentaires réalisées');
  if (d.prestationsComplementaires?.length && d.autoPrescription === undefined)
    manque.push({ champ: 'autoPrescription', message: 'Indiquez si l’opérateur réalise lui-même une prestation complémentaire.' });
  reponduListe('financementsFormation', 'les financements de formation mobilisés');
  reponduListe('decouvertesMetiers', 'les découvertes métiers ou expériences d’emploi');
  if (uo.uo === '22') {
    if (!d.etatProjet)
      manque.push({ champ: 'etatProjet', message: 'Choisissez l’état du projet à la clôture (obligatoire pour l’UO 2.2).' });
    if (!d.descriptionService)
      manque.push({ champ: 'descriptionService', message: 'Décrivez le service rendu (obligatoire pour l’UO 2.2).' });
  }
  return manque;
}

/**
 * Les champs d'une saisie qui changeraient une valeur déjà enregistrée. Une UO close n'accepte que les champs encore
 * vides : ce qui est parti dans les fichiers quotidiens ne se réécrit pas, ce qui manquait se complète.
 */
export function champsReecrits(avant: DonneesUo2, saisie: DonneesUo2): ChampUo2[] {
  const anciens = new Map(Object.entries(avant));
  // L'ordre des cases cochées n'est pas une réécriture.
  const forme = (v: unknown) => JSON.stringify(Array.isArray(v) ? [...(v as string[])].sort() : v);
  return CHAMPS_UO2.filter((c) => c in saisie && anciens.has(c) && forme(anciens.get(c)) !== forme(saisie[c]));
}
