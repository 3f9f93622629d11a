import type BaseSqlite from 'better-sqlite3';
import type { DateCivile } from '../calendrier/dates.ts';
import { dateHeureHorodatage } from './ecrire.ts';
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

type OrientationBrute = [
  horodatage: string,
  date: string,
  modeContact: string,
  motif: string | null,
  motifDetaille: LigneUo['motifDetaille'],
  aiguillage: string,
  numeroDossier: string | null,
];

/**
 * UO 0 des orientations terminées ce jour-là. En ligne, aucun numéro de dossier : personne n'a donné d'identité. Au
 * guichet, quand la personne a donné son identité, le numéro national attribué à l'enregistrement (la ligne
 * `beneficiaires` de même identifiant porte nom, prénom et date de naissance).
 */
function* uo0Orientations(client: BaseSqlite.Database, date: DateCivile): Generator<LigneUo> {
  const lignes = client
    .prepare<[string], OrientationBrute>(
      `select o.horodatage, o.date, o.mode_contact, o.motif, o.motif_detaille, o.aiguillage, i.numero_dossier
       from orientations o left join orientation_identites i on i.orientation_id = o.id where o.date = ? order by o.id`,
    )
    .raw()
    .iterate(date);
  for (const [horodatage, jour, modeContact, motif, motifDetaille, aiguillage, numeroDossier] of lignes) {
    yield {
      uo: '00',
      numeroDossier,
      date: jour,
      heure: dateHeureHorodatage(horodatage).heure,
      horodatage,
      dateEngagement: jour,
      dateCloture: jour,
      origine: ORIGINE_INDIVIDUELLE,
      motif,
      motifDetaille,
      aiguillage,
      datesInteractions: jour,
      modesContact: modeContact,
      ...SANS_UO2,
    };
  }
}

interface DemandeBrute {
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

/**
 * UO 0 nominatives, 1/2 : les demandes de premier rendez-vous modifiées ce jour-là. L'UO 0 se clôt au premier échange
 * (début de l'UO 1), à la réorientation ou à l'annulation.
 */
function* uo0Demandes(client: BaseSqlite.Database, debut: string, fin: string): Generator<LigneUo> {
  const lignes = client
    .prepare<[string, string], DemandeBrute>(
      `select reference, modifie_le as modifieLe, date_demande as dateDemande, origine, mode_contact as modeContact, motif, statut,
         premier_echange_le as premierEchangeLe, reorientee_vers as reorienteeVers, annulee_le as annuleeLe
       from demandes where modifie_le >= ? and modifie_le < ? order by modifie_le, id`,
    )
    .iterate(debut, fin);
  for (const d of lignes) {
    const fin0 = d.statut === 'premier-echange' ? d.premierEchangeLe : d.statut === 'annulee' ? jourAParis(d.annuleeLe) : null;
    const cloture = d.statut === 'reorientee' ? jourAParis(d.modifieLe) : fin0;
    yield {
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
}

/**
 * UO 0 nominatives, 2/2 : les dossiers ouverts ce jour-là par un conseiller, sans demande en ligne. Le mode de contact
 * est celui que le conseiller a saisi à l'ouverture ; pour un dossier ouvert avant que ce champ n'existe (export refait),
 * celui de sa première interaction enregistrée, s'il y en a une.
 */
function* uo0Dossiers(client: BaseSqlite.Database, debut: string, fin: string): Generator<LigneUo> {
  const lignes = client
    .prepare<[string, string], { identifiant: string; creeLe: string; modeContact: string | null }>(
      `select x.identifiant, x.cree_le as creeLe,
         coalesce(x.mode_contact, (select i.mode from unites_oeuvre u join interactions i on i.uo_id = u.id
                                   where u.dossier_id = x.id order by i.date, i.id limit 1)) as modeContact
       from dossiers x where x.cree_le >= ? and x.cree_le < ? and x.demande_id is null order by x.cree_le, x.id`,
    )
    .iterate(debut, fin);
  for (const x of lignes) {
    const jour = jourAParis(x.creeLe)!;
    yield {
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
}

type UoBrute = [
  uo: '01' | '21' | '22',
  numero: string,
  modifieLe: string,
  dateEngagement: string,
  dateCloture: string | null,
  numeroDecompte: string | null,
  referenceBonCommande: string | null,
  origine: string | null,
  motif: string | null,
  motifCloture: LigneUo['motifCloture'],
  donneesUo2: string | null,
  interactions: string | null,
];

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

/** UO 1, 2.1 et 2.2 engagées, modifiées (interaction, données, référent) ou closes ce jour-là. */
function* uoDuParcours(client: BaseSqlite.Database, debut: string, fin: string): Generator<LigneUo> {
  // Les interactions d'une UO en une cellule `date~mode|date~mode`, dans l'ordre des dates (index interactions_uo).
  const lignes = client
    .prepare<[string, string], UoBrute>(
      `select u.uo, u.numero, u.modifie_le, u.date_engagement, u.date_cloture, u.numero_decompte, u.reference_bon_commande,
         u.origine, u.motif_sollicitation, u.motif_cloture, u.donnees_uo2,
         (select group_concat(date || '~' || mode, '|') from (select date, mode from interactions i where i.uo_id = u.id order by date, id))
       from unites_oeuvre u where u.modifie_le >= ? and u.modifie_le < ? order by u.modifie_le, u.id`,
    )
    .raw()
    .iterate(debut, fin);
  for (const [uo, numero, modifieLe, dateEngagement, dateCloture, numeroDecompte, reference, origine, motif, motifCloture, brut, inter] of lignes) {
    const d: DonneesUo2 = brut ? (JSON.parse(brut) as DonneesUo2) : {};
    const paires = inter ? inter.split('|') : [];
    yield {
      uo: CODE_ANNEXE[uo],
      numeroDossier: numero,
      ...dateHeureHorodatage(modifieLe),
      dateEngagement,
      dateCloture,
      numeroDecompte,
      referenceBonCommande: reference,
      origine,
      motif,
      motifDetaille: null,
      aiguillage: null,
      datesInteractions: paires.length ? paires.map((p) => p.slice(0, 10)).join('|') : null,
      modesContact: paires.length ? paires.map((p) => p.slice(11)).join('|') : null,
      motifCloture,
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
}

/**
 * Les UO du jour (annexe 2 §2) : orientations (UO 0, anonymes en ligne), demandes et dossiers ouverts par un conseiller (UO 0
 * nominatives), puis UO 1, 2.1, 2.2 du parcours.
 */
export function* lignesUo(client: BaseSqlite.Database, date: DateCivile): Generator<LigneUo> {
  const { debut, fin } = intervalleDuJour(date);
  yield* uo0Orientations(client, date);
  yield* uo0Demandes(client, debut, fin);
  yield* uo0Dossiers(client, debut, fin);
  yield* uoDuParcours(client, debut, fin);
}

/** Nombre de lignes de `lignesUo` pour un jour, par les mêmes index. */
export function compterUo(client: BaseSqlite.Database, date: DateCivile): number {
  const { debut, fin } = intervalleDuJour(date);
  return client
    .prepare<[{ debut: string; fin: string; date: string }], number>(
      `select (select count(*) from orientations where date = @date)
            + (select count(*) from demandes where modifie_le >= @debut and modifie_le < @fin)
            + (select count(*) from dossiers where cree_le >= @debut and cree_le < @fin and demande_id is null)
            + (select count(*) from unites_oeuvre where modifie_le >= @debut and modifie_le < @fin)`,
    )
    .pluck()
    .get({ debut, fin, date })!;
}
