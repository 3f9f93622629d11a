import { join } from 'node:path';
import { z } from 'zod';
import { lireJsonValide } from '../deploiement/charger.ts';
import type { Deploiement } from '../deploiement/schema.ts';
import { LOTS } from '../territoires/lots.ts';
import type { Referentiel } from '../territoires/referentiel.ts';

const urlOfficielle = z
  .url({ error: 'doit être l’adresse https:// du site officiel' })
  .refine((u) => u.startsWith('https://'), 'doit commencer par https://');

/** Un service national (ou une autre porte que le CEP) : on ne publie que son site officiel. */
export const schemaServiceNational = z.strictObject({
  nom: z.string().min(2),
  /** À qui il s'adresse, en une ou deux phrases simples. */
  role: z.string().min(10),
  /** Page d'accueil du site officiel. */
  siteWeb: urlOfficielle,
  /** Libellé court du lien. @example 'francetravail.fr' */
  libelleSite: z.string().min(3),
  /** Comment trouver le lieu d'accueil le plus proche sur ce site. */
  trouverUnSite: z.string().min(10),
});

/** `content/operateurs/nationaux.json`. */
export const schemaOperateursNationaux = z.strictObject({
  operateurs: z.strictObject({
    'france-travail': schemaServiceNational,
    apec: schemaServiceNational,
    'mission-locale': schemaServiceNational,
    'cap-emploi': schemaServiceNational,
  }),
  autresPortes: z.strictObject({
    'employeur-public': schemaServiceNational,
    /** Élèves et étudiants qui ne travaillent pas et ne cherchent pas d'emploi. */
    etudes: schemaServiceNational,
    /** Retraités et personnes sans activité qui ne cherchent pas d'emploi. */
    information: schemaServiceNational,
  }),
  /** Pour les régions que ce déploiement ne sert pas : leur opérateur est désigné par France compétences. */
  franceCompetences: z.strictObject({ nom: z.string().min(2), siteWeb: urlOfficielle, libelleSite: z.string().min(3) }),
});

/**
 * Un lieu d'accueil de l'opérateur régional, tel que l'orientation le montre. Il vient des sites du déploiement
 * (`deploiement.sites`) : une seule liste pour l'orientation et la prise de rendez-vous.
 */
export interface SiteAccueil {
  nom: string;
  adresse: string[];
  horaires: string;
  telephone?: string;
  /** Départements dont c'est le lieu le plus proche (codes INSEE). */
  departements: string[];
}

/** L'opérateur régional d'un lot servi par ce déploiement. */
export const schemaOperateurRegional = z.strictObject({
  lot: z.number().int().min(1).max(18),
  nom: z.string().min(2),
  /** Vrai quand les coordonnées sont des exemples : l'interface le dit. */
  exemple: z.boolean(),
  telephone: z.string().min(4),
  /** Horaires de l'accueil téléphonique. */
  horaires: z.string().min(5),
  courriel: z.email(),
  siteWeb: urlOfficielle.optional(),
});

/** `content/operateurs/regionaux.json`. */
export const schemaOperateursRegionaux = z.strictObject({ operateurs: z.array(schemaOperateurRegional) });

export type ServiceNational = z.infer<typeof schemaServiceNational>;
/** L'opérateur régional chargé, avec ses lieux d'accueil tirés de `deploiement.sites`. */
export type OperateurRegional = z.infer<typeof schemaOperateurRegional> & { sites: SiteAccueil[] };

/** Les opérateurs chargés au démarrage (`Dependances.operateurs`). */
export interface Operateurs {
  nationaux: z.infer<typeof schemaOperateursNationaux>['operateurs'];
  autresPortes: z.infer<typeof schemaOperateursNationaux>['autresPortes'];
  franceCompetences: z.infer<typeof schemaOperateursNationaux>['franceCompetences'];
  /** Les opérateurs régionaux des lots servis par ce déploiement, par numéro de lot. */
  regionaux: ReadonlyMap<number, OperateurRegional>;
}

/**
 * Lit et valide `nationaux.json` et `regionaux.json`, puis vérifie qu'ils vont avec le déploiement :
 * un opérateur régional par lot servi, ses lieux dans sa région, et pas de coordonnées d'exemple hors démonstration.
 * @throws Error en français, qui nomme le fichier et chaque problème.
 */
export function chargerOperateurs(dossier: string, deploiement: Deploiement, referentiel: Referentiel): Operateurs {
  const nationaux = lireJsonValide(join(dossier, 'nationaux.json'), schemaOperateursNationaux, 'Contenu des opérateurs');
  const fichierRegionaux = join(dossier, 'regionaux.json');
  const { operateurs } = lireJsonValide(fichierRegionaux, schemaOperateursRegionaux, 'Contenu des opérateurs');
  const problemes: string[] = [];
  const regionaux = new Map<number, OperateurRegional>();
  for (const decrit of operateurs) {
    const operateur: OperateurRegional = { ...decrit, sites: sitesDuLot(deploiement, referentiel, decrit) };
    if (regionaux.has(operateur.lot)) problemes.push(`lot ${operateur.lot} : deux opérateurs régionaux pour le même lot`);
    regionaux.set(operateur.lot, operateur);
    if (operateur.exemple && !deploiement.demonstration)
      problemes.push(`lot ${operateur.lot} : coordonnées d’exemple dans un déploiement qui n’est pas une démonstration`);
    const region = LOTS.find((l) => l.numero === operateur.lot)!.region;
    for (const site of operateur.sites) {
      for (const dep of site.departements) {
        if (referentiel.departement(dep)?.region !== region)
          problemes.push(`lot ${operateur.lot}, « ${site.nom} » : le département ${dep} n’est pas dans la région du lot`);
      }
    }
  }
  for (const lot of deploiement.lots) {
    if (!regionaux.has(lot)) problemes.push(`lot ${lot} : servi par le déploiement mais sans opérateur régional décrit`);
  }
  if (problemes.length > 0)
    throw new Error(`Contenu des opérateurs incohérent (${fichierRegionaux}) :\n${problemes.map((p) => `  - ${p}`).join('\n')}`);
  // Seuls les lots servis comptent : un autre lot décrit dans le fichier ne serait pas géré par ce portail.
  const servis = new Map([...regionaux].filter(([lot]) => deploiement.lots.includes(lot)));
  return {
    nationaux: nationaux.operateurs,
    autresPortes: nationaux.autresPortes,
    franceCompetences: nationaux.franceCompetences,
    regionaux: servis,
  };
}

/** Les sites du déploiement situés dans la région du lot de cet opérateur, en lieux d'accueil. */
function sitesDuLot(deploiement: Deploiement, referentiel: Referentiel, operateur: z.infer<typeof schemaOperateurRegional>): SiteAccueil[] {
  const region = LOTS.find((l) => l.numero === operateur.lot)?.region;
  return deploiement.sites.flatMap((s) => {
    const commune = referentiel.commune(s.commune);
    if (!commune || commune.region !== region) return [];
    return [
      {
        nom: s.nom,
        adresse: s.adresse,
        horaires: s.horaires ?? operateur.horaires,
        ...(s.telephone ? { telephone: s.telephone } : {}),
        departements: s.departements ?? [commune.departement],
      },
    ];
  });
}

/** Les lieux d'accueil d'un opérateur régional, ceux qui couvrent ce département d'abord. */
export function sitesParProximite(operateur: OperateurRegional, departement?: string): SiteAccueil[] {
  if (!departement) return operateur.sites;
  return [...operateur.sites].sort((a, b) => Number(b.departements.includes(departement)) - Number(a.departements.includes(departement)));
}

/** Qui répond quand la personne préfère parler à quelqu'un : l'opérateur régional de ce portail. */
export interface Conseiller {
  nom: string;
  telephone: string;
  horaires: string;
  exemple: boolean;
}

/** Le conseiller joignable depuis ce portail (le premier lot servi), pour « Parler à un conseiller ». */
export function conseillerDuPortail(operateurs: Operateurs): Conseiller | undefined {
  const premier = [...operateurs.regionaux.values()][0];
  return premier && { nom: premier.nom, telephone: premier.telephone, horaires: premier.horaires, exemple: premier.exemple };
}
