import { sql } from 'drizzle-orm';
import type { BaseDeDonnees } from '../../db/client.ts';
import { selonMoteur } from '../../db/moteur.ts';
import type { DateCivile } from '../calendrier/dates.ts';
import { dateHeureHorodatage } from './ecrire.ts';
import { apresInstantId, compter, limiter, parPaquets, type Lecture, type RequetePaginee } from './lecture.ts';
import { intervalleDuJour, jourAParis } from './repository.ts';
import type { LigneUo } from './schemas.ts';
import { CODE_ANNEXE } from '../parcours/schema.ts';

/** Aiguillage d'une demande de rendez-vous ou d'un dossier ouvert par un conseiller : vers un rendez-vous CEP interne. */
export const AIGUILLAGE_RENDEZ_VOUS = 'rendez-vous-cep';
/** Origine d'une orientation anonyme sur le portail : la personne est venue d'elle-même. */
export const ORIGINE_INDIVIDUELLE = 'individuelle';

const SANS_UO2 = {
  numeroDecompte: null,
  referenceBonCommande: null,
  motifCloture: null,
  typesService: null,
  descriptionService: null,
  prestationsComplementaires: null,
  autoPrescription: null,
  financementFormation: null,
  decouvertesMetiers: null,
  projetReconversion: null,
  etatProjet: null,
} as const;

interface OrientationBrute {
  id: number;
  horodatage: string;
  date: string;
  modeContact: string;
  motif: string | null;
  motifDetaille: LigneUo['motifDetaille'];
  aiguillage: string;
  numeroDossier: string | null;
}

/** Les orientations terminées ce jour-là, avec le numéro de l'identité donnée au guichet (une au plus par orientation). */
const orientationsDuJour = (date: DateCivile): RequetePaginee<OrientationBrute, number> => ({
  sql: (apres, limite) =>
    sql`select o.id, o.horodatage, o.date, o.mode_contact as "modeContact", o.motif, o.motif_detaille as "motifDetaille", o.aiguillage,
         i.numero_dossier as "numeroDossier"
       from orientations o left join orientation_identites i on i.orientation_id = o.id
       where o.date = ${date} and o.id > ${apres ?? 0} order by o.id ${limiter(limite)}`,
  cle: (o) => o.id,
});

/**
 * UO 0 d'une orientation terminée ce jour-là. En ligne, aucun numéro de dossier : personne n'a donné d'identité. Au
 * guichet, quand la personne a donné son identité, le numéro national attribué à l'enregistrement (la ligne
 * `beneficiaires` de même identifiant porte nom, prénom et date de naissance).
 */
const uo0Orientation = (o: OrientationBrute): LigneUo => ({
  uo: '00',
  numeroDossier: o.numeroDossier,
  date: o.date,
  heure: dateHeureHorodatage(o.horodatage).heure,
  horodatage: o.horodatage,
  dateEngagement: o.date,
  dateCloture: o.date,
  origine: ORIGINE_INDIVIDUELLE,
  motif: o.motif,
  motifDetaille: o.motifDetaille,
  aiguillage: o.aiguillage,
  datesInteractions: o.date,
  modesContact: o.modeContact,
  ...SANS_UO2,
});

interface DemandeBrute {
  id: number;
  reference: string;
  modifieLe: string;
  dateDemande: string;
  origine: string;
  /** `en-ligne`, ou le mode de la démarche quand un conseiller a saisi la demande (accueil, téléphone, courriel). */
  modeContact: 'en-ligne' | 'presentiel' | 'telephone' | 'courriel';
  motif: string;
  statut: 'ouverte' | 'premier-echange' | 'reorientee' | 'annulee';
  premierEchangeLe: string | null;
  reorienteeVers: string | null;
  annuleeLe: string | null;
}

/** Les demandes de premier rendez-vous modifiées ce jour-là. */
const demandesDuJour = (debut: string, fin: string): RequetePaginee<DemandeBrute, [string, number]> => ({
  sql: (apres, limite) =>
    sql`select id, reference, modifie_le as "modifieLe", date_demande as "dateDemande", origine, mode_contact as "modeContact", motif, statut,
         premier_echange_le as "premierEchangeLe", reorientee_vers as "reorienteeVers", annulee_le as "annuleeLe"
       from demandes where modifie_le >= ${debut} and modifie_le < ${fin} and ${apresInstantId(sql`modifie_le`, sql`id`, apres)}
       order by modifie_le, id ${limiter(limite)}`,
  cle: (d) => [d.modifieLe, d.id],
});

/**
 * UO 0 nominatives, 1/2 : une demande de premier rendez-vous modifiée ce jour-là. L'UO 0 se clôt au premier échange
 * (début de l'UO 1), à la réorientation ou à l'annulation.
 */
function uo0Demande(d: DemandeBrute): LigneUo {
  const fin0 = d.statut === 'premier-echange' ? d.premierEchangeLe : d.statut === 'annulee' ? jourAParis(d.annuleeLe) : null;
  const cloture = d.statut === 'reorientee' ? jourAParis(d.modifieLe) : fin0;
  return {
    uo: '00',
    numeroDossier: d.reference,
    ...dateHeureHorodatage(d.modifieLe),
    dateEngagement: d.dateDemande,
    dateCloture: cloture,
    origine: d.origine,
    motif: d.motif,
    motifDetaille: null,
    aiguillage: d.statut === 'reorientee' ? d.reorienteeVers : AIGUILLAGE_RENDEZ_VOUS,
    datesInteractions: d.dateDemande,
    // Une demande en ligne est un formulaire ; celle qu'un conseiller a saisie garde le mode de la démarche.
    modesContact: d.modeContact === 'en-ligne' ? 'formulaire' : d.modeContact,
    ...SANS_UO2,
  };
}

interface DossierOuvertBrut {
  id: number;
  identifiant: string;
  creeLe: string;
  modeContact: string | null;
}

/**
 * Les dossiers ouverts ce jour-là par un conseiller, sans demande en ligne. Le mode de contact est celui que le
 * conseiller a saisi à l'ouverture ; pour un dossier ouvert avant que ce champ n'existe (export refait), celui de sa
 * première interaction enregistrée, s'il y en a une.
 */
const dossiersOuverts = (debut: string, fin: string): RequetePaginee<DossierOuvertBrut, [string, number]> => ({
  sql: (apres, limite) =>
    sql`select x.id, x.identifiant, x.cree_le as "creeLe",
         coalesce(x.mode_contact, (select i.mode from unites_oeuvre u join interactions i on i.uo_id = u.id
                                   where u.dossier_id = x.id order by i.date, i.id limit 1)) as "modeContact"
       from dossiers x where x.cree_le >= ${debut} and x.cree_le < ${fin} and x.demande_id is null
         and ${apresInstantId(sql`x.cree_le`, sql`x.id`, apres)}
       order by x.cree_le, x.id ${limiter(limite)}`,
  cle: (x) => [x.creeLe, x.id],
});

/** UO 0 nominatives, 2/2 : un dossier ouvert ce jour-là par un conseiller, sans demande en ligne. */
function uo0Dossier(x: DossierOuvertBrut): LigneUo {
  const jour = jourAParis(x.creeLe)!;
  return {
    uo: '00',
    numeroDossier: x.identifiant,
    ...dateHeureHorodatage(x.creeLe),
    dateEngagement: jour,
    dateCloture: jour,
    origine: null,
    motif: null,
    motifDetaille: null,
    aiguillage: AIGUILLAGE_RENDEZ_VOUS,
    datesInteractions: jour,
    modesContact: x.modeContact,
    ...SANS_UO2,
  };
}

interface UoBrute {
  id: number;
  uo: '01' | '21' | '22';
  numero: string;
  modifieLe: string;
  dateEngagement: string;
  dateCloture: string | null;
  numeroDecompte: string | null;
  referenceBonCommande: string | null;
  origine: string | null;
  motif: string | null;
  motifCloture: LigneUo['motifCloture'];
  donneesUo2: string | null;
  /** Les interactions de l'UO en une cellule `date~mode|date~mode`, dans l'ordre des dates (index interactions_uo). */
  interactions: string | null;
}

interface DonneesUo2 {
  typesService?: string[];
  prestationsComplementaires?: string[];
  autoPrescription?: boolean;
  financementsFormation?: string[];
  decouvertesMetiers?: string[];
  projetReconversionCpir?: boolean;
  etatProjet?: string;
  descriptionService?: string;
}

const joindre = (l: string[] | undefined) => (l && l.length ? l.join('|') : null);

// La même cellule sur les deux moteurs : `group_concat` ne prend pas d'ordre (il suit celui de la sous-requête),
// `string_agg` le prend en argument.
const INTERACTIONS_DE_L_UO = {
  sqlite: sql`(select group_concat(date || '~' || mode, '|') from (select date, mode from interactions i where i.uo_id = u.id order by date, id))`,
  postgres: sql`(select string_agg(i.date || '~' || i.mode, '|' order by i.date, i.id) from interactions i where i.uo_id = u.id)`,
};

/** UO 1, 2.1 et 2.2 engagées, modifiées (interaction, données, référent) ou closes ce jour-là. */
const uoDuJour = (db: BaseDeDonnees, debut: string, fin: string): RequetePaginee<UoBrute, [string, number]> => ({
  sql: (apres, limite) =>
    sql`select u.id, u.uo, u.numero, u.modifie_le as "modifieLe", u.date_engagement as "dateEngagement", u.date_cloture as "dateCloture",
         u.numero_decompte as "numeroDecompte", u.reference_bon_commande as "referenceBonCommande", u.origine,
         u.motif_sollicitation as motif, u.motif_cloture as "motifCloture", u.donnees_uo2 as "donneesUo2", ${selonMoteur(db, INTERACTIONS_DE_L_UO)} as interactions
       from unites_oeuvre u where u.modifie_le >= ${debut} and u.modifie_le < ${fin} and ${apresInstantId(sql`u.modifie_le`, sql`u.id`, apres)}
       order by u.modifie_le, u.id ${limiter(limite)}`,
  cle: (u) => [u.modifieLe, u.id],
});

/** Une UO 1, 2.1 ou 2.2 lue, en ligne de l'annexe 2 §2. */
function uoDuParcours(u: UoBrute): LigneUo {
  const d: DonneesUo2 = u.donneesUo2 ? (JSON.parse(u.donneesUo2) as DonneesUo2) : {};
  const paires = u.interactions ? u.interactions.split('|') : [];
  return {
    uo: CODE_ANNEXE[u.uo],
    numeroDossier: u.numero,
    ...dateHeureHorodatage(u.modifieLe),
    dateEngagement: u.dateEngagement,
    dateCloture: u.dateCloture,
    numeroDecompte: u.numeroDecompte,
    referenceBonCommande: u.referenceBonCommande,
    origine: u.origine,
    motif: u.motif,
    motifDetaille: null,
    aiguillage: null,
    datesInteractions: paires.length ? paires.map((p) => p.slice(0, 10)).join('|') : null,
    modesContact: paires.length ? paires.map((p) => p.slice(11)).join('|') : null,
    motifCloture: u.motifCloture,
    typesService: joindre(d.typesService),
    descriptionService: d.descriptionService ?? null,
    prestationsComplementaires: joindre(d.prestationsComplementaires),
    autoPrescription: d.autoPrescription ?? null,
    financementFormation: joindre(d.financementsFormation),
    decouvertesMetiers: joindre(d.decouvertesMetiers),
    projetReconversion: d.projetReconversionCpir ?? null,
    etatProjet: d.etatProjet ?? null,
  };
}

/**
 * Les UO du jour (annexe 2 §2), par paquets : orientations (UO 0, anonymes en ligne), demandes et dossiers ouverts par
 * un conseiller (UO 0 nominatives), puis UO 1, 2.1, 2.2 du parcours.
 */
export async function* lignesUo(db: BaseDeDonnees, date: DateCivile, lecture: Lecture = 'pages'): AsyncGenerator<LigneUo[]> {
  const { debut, fin } = intervalleDuJour(date);
  for await (const paquet of parPaquets(db, orientationsDuJour(date), lecture)) yield paquet.map(uo0Orientation);
  for await (const paquet of parPaquets(db, demandesDuJour(debut, fin), lecture)) yield paquet.map(uo0Demande);
  for await (const paquet of parPaquets(db, dossiersOuverts(debut, fin), lecture)) yield paquet.map(uo0Dossier);
  for await (const paquet of parPaquets(db, uoDuJour(db, debut, fin), lecture)) yield paquet.map(uoDuParcours);
}

/** Nombre de lignes de `lignesUo` pour un jour, par les mêmes index. */
export async function compterUo(db: BaseDeDonnees, date: DateCivile): Promise<number> {
  const { debut, fin } = intervalleDuJour(date);
  return compter(
    db,
    sql`select (select count(*) from orientations where date = ${date})
            + (select count(*) from demandes where modifie_le >= ${debut} and modifie_le < ${fin})
            + (select count(*) from dossiers where cree_le >= ${debut} and cree_le < ${fin} and demande_id is null)
            + (select count(*) from unites_oeuvre where modifie_le >= ${debut} and modifie_le < ${fin}) as n`,
  );
}
