import type BaseSqlite from 'better-sqlite3';
import { ajouterJours, type DateCivile } from '../calendrier/dates.ts';
import { dateAParis, FUSEAU_PARIS, instantLocal } from '../calendrier/fuseaux.ts';
import { compterJoursOuvres } from '../calendrier/jours-ouvres.ts';
import { territoireDuDepartement } from '../calendrier/territoire.ts';
import { EFFACE } from '../../db/donnees-personnelles.ts';
import { dateHeureHorodatage } from './ecrire.ts';
import type { LigneBeneficiaire, LigneReclamation, LigneUo0 } from './schemas.ts';

/**
 * Le jour civil à Paris en intervalle d'instants UTC [debut, fin[ : 23 ou 25 heures aux changements d'heure.
 * @example intervalleDuJour('2026-11-23') // { debut: '2026-11-22T23:00:00.000Z', fin: '2026-11-23T23:00:00.000Z' }
 */
export function intervalleDuJour(date: DateCivile): { debut: string; fin: string } {
  return {
    debut: instantLocal(date, '00:00', FUSEAU_PARIS).toISOString(),
    fin: instantLocal(ajouterJours(date, 1), '00:00', FUSEAU_PARIS).toISOString(),
  };
}

/** Date civile à Paris d'un instant UTC stocké (null reste null). */
const jourAParis = (instant: string | null) => (instant ? dateAParis(new Date(instant)) : null);

/**
 * Département d'un code commune INSEE (2A/2B en Corse, trois chiffres outre-mer) : assez pour choisir le calendrier
 * des jours fériés sans charger le découpage administratif dans la commande d'export.
 */
export function departementDuCodeCommune(code: string): string {
  return code.startsWith('97') ? code.slice(0, 3) : code.slice(0, 2);
}

// Les lectures sont des itérateurs better-sqlite3 (`iterate`) : une ligne à la fois, la mémoire reste plate.
// Chaque requête suit un index (orientations_date, demandes_modifie_le, reclamations_modifie_le).

/** Une orientation lue en tableau (`raw()`) : deux fois moins coûteux qu'un objet par ligne sur un million de lignes. */
type OrientationBrute = [
  id: number,
  horodatage: string,
  date: string,
  modeContact: LigneUo0['modeContact'],
  statut: LigneUo0['statut'],
  enEmploi: 0 | 1 | null,
  motif: LigneUo0['motif'],
  motifDetaille: LigneUo0['motifDetaille'],
  aiguillage: LigneUo0['aiguillage'],
  region: string | null,
  lot: number | null,
  nom: string | null,
  prenom: string | null,
  dateNaissance: string | null,
];

/** Les orientations (UO 0) du jour : la date de l'interaction est déjà la date civile à Paris. */
export function* lignesUo0(client: BaseSqlite.Database, date: DateCivile): Generator<LigneUo0> {
  const lignes = client
    .prepare<[string], OrientationBrute>(
      `select o.id, o.horodatage, o.date, o.mode_contact, o.statut, o.en_emploi, o.motif, o.motif_detaille, o.aiguillage, o.region,
         o.lot, i.nom, i.prenom, i.date_naissance
       from orientations o left join orientation_identites i on i.orientation_id = o.id where o.date = ? order by o.id`,
    )
    .raw()
    .iterate(date);
  for (const [
    id,
    horodatage,
    jour,
    modeContact,
    statut,
    enEmploi,
    motif,
    motifDetaille,
    aiguillage,
    region,
    lot,
    nom,
    prenom,
    dateNaissance,
  ] of lignes) {
    yield {
      identifiant: id,
      date: jour,
      heure: dateHeureHorodatage(horodatage).heure,
      horodatage,
      dateEngagement: jour,
      dateCloture: jour,
      dateInteraction: jour,
      modeContact,
      statut,
      enEmploi: enEmploi === null ? null : enEmploi === 1,
      motif,
      motifDetaille,
      aiguillage,
      region,
      lot,
      nom,
      prenom,
      dateNaissance,
    };
  }
}

interface DemandeBrute {
  reference: string;
  modifieLe: string;
  nom: string;
  prenom: string;
  email: string;
  situation: LigneBeneficiaire['statutEmploi'];
  lot: number;
  commune: string;
  origine: LigneBeneficiaire['origineDemarche'];
  modeContact: LigneBeneficiaire['modeContactDemarche'];
  motif: LigneBeneficiaire['motif'];
  modalite: LigneBeneficiaire['modeContactDemande'];
  dateDemande: string;
  echeance: string;
  statut: LigneBeneficiaire['statutDemande'];
  premierEchangeLe: string | null;
  premierEchangeCanal: LigneBeneficiaire['modeContactPremierEchange'];
  reorienteeVers: string | null;
  annuleeLe: string | null;
}

/** Les demandes de premier rendez-vous créées ou modifiées ce jour-là à Paris. */
export function* lignesBeneficiaires(client: BaseSqlite.Database, date: DateCivile): Generator<LigneBeneficiaire> {
  const { debut, fin } = intervalleDuJour(date);
  const lignes = client
    .prepare<[string, string], DemandeBrute>(
      `select reference, modifie_le as modifieLe, nom, prenom, email, situation, lot, commune, origine, mode_contact as modeContact, motif, modalite,
         date_demande as dateDemande, echeance, statut, premier_echange_le as premierEchangeLe,
         premier_echange_canal as premierEchangeCanal, reorientee_vers as reorienteeVers, annulee_le as annuleeLe
       from demandes where modifie_le >= ? and modifie_le < ? order by modifie_le, id`,
    )
    .iterate(debut, fin);
  for (const d of lignes) {
    const echange = d.premierEchangeLe;
    const territoire = territoireDuDepartement(departementDuCodeCommune(d.commune));
    yield {
      identifiant: d.reference,
      ...dateHeureHorodatage(d.modifieLe),
      nom: d.nom,
      prenom: d.prenom,
      // Annexe 2 §1 : l'adresse électronique n'est due qu'« à partir de l'UO 1 », qui commence au premier échange.
      // Une demande sans adresse (`''`, saisie au guichet ou au téléphone) n'en exporte pas.
      email: d.statut === 'premier-echange' && d.email && d.email !== EFFACE ? d.email : null,
      statutEmploi: d.situation,
      lot: d.lot,
      origineDemarche: d.origine,
      modeContactDemarche: d.modeContact,
      motif: d.motif,
      modeContactDemande: d.modalite,
      dateDemande: d.dateDemande,
      echeance: d.echeance,
      statutDemande: d.statut,
      datePremierEchange: echange,
      modeContactPremierEchange: d.premierEchangeCanal,
      delaiJoursOuvres: echange ? compterJoursOuvres(d.dateDemande, echange, territoire) : null,
      dansLeDelai: echange ? echange <= d.echeance : null,
      reorienteeVers: d.reorienteeVers,
      dateAnnulation: jourAParis(d.annuleeLe),
    };
  }
}

interface ReclamationBrute {
  numero: string;
  modifieLe: string;
  referenceDossier: string | null;
  dateReception: string;
  motif: LigneReclamation['motif'];
  statut: LigneReclamation['statut'];
  accuseLe: string | null;
  reponduLe: string | null;
  closeLe: string | null;
  mediateurDemandeLe: string | null;
}

/** Les réclamations créées ou modifiées (historique compris) ce jour-là à Paris. */
export function* lignesReclamations(client: BaseSqlite.Database, date: DateCivile): Generator<LigneReclamation> {
  const { debut, fin } = intervalleDuJour(date);
  const lignes = client
    .prepare<[string, string], ReclamationBrute>(
      `select numero, modifie_le as modifieLe, reference_dossier as referenceDossier, date_reception as dateReception, motif, statut,
         accuse_le as accuseLe, repondu_le as reponduLe, close_le as closeLe, mediateur_demande_le as mediateurDemandeLe
       from reclamations where modifie_le >= ? and modifie_le < ? order by modifie_le, id`,
    )
    .iterate(debut, fin);
  for (const r of lignes) {
    // La référence est saisie librement par la personne : seul un numéro national de dossier bien formé est transmis.
    const dossier = r.referenceDossier?.replace(/\s/g, '') ?? '';
    yield {
      identifiant: r.numero,
      ...dateHeureHorodatage(r.modifieLe),
      numeroDossier: /^\d{14}$/.test(dossier) ? dossier : null,
      dateReception: r.dateReception,
      motif: r.motif,
      statut: r.statut,
      dateAccuseReception: jourAParis(r.accuseLe),
      reponse: r.reponduLe !== null,
      dateReponse: jourAParis(r.reponduLe),
      mediateur: r.mediateurDemandeLe !== null,
      dateDemandeMediateur: r.mediateurDemandeLe,
      dateCloture: jourAParis(r.closeLe),
    };
  }
}

/** Nombre d'enregistrements de chaque table pour un jour (par les mêmes index), pour la page de téléchargement. */
export function compterDuJour(client: BaseSqlite.Database, date: DateCivile): Record<'uo0' | 'beneficiaires' | 'reclamations', number> {
  const { debut, fin } = intervalleDuJour(date);
  const compter = (sql: string, ...params: string[]) =>
    client
      .prepare(sql)
      .pluck()
      .get(...params) as number;
  return {
    uo0: compter('select count(*) from orientations where date = ?', date),
    beneficiaires: compter('select count(*) from demandes where modifie_le >= ? and modifie_le < ?', debut, fin),
    reclamations: compter('select count(*) from reclamations where modifie_le >= ? and modifie_le < ?', debut, fin),
  };
}
