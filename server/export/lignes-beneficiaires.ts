import type BaseSqlite from 'better-sqlite3';
import type { DateCivile } from '../calendrier/dates.ts';
import { EFFACE } from '../../db/donnees-personnelles.ts';
import { dateHeureHorodatage } from './ecrire.ts';
import { intervalleDuJour } from './repository.ts';
import type { LigneBeneficiaire } from './schemas.ts';

/** Le libellé d'une section NAF (content/parcours/sections-naf.json), passé par l'appelant. */
export type LibelleSecteur = (code: string) => string | undefined;

interface DossierBrut {
  identifiant: string;
  modifieLe: string;
  demandeModifieeLe: string | null;
  nom: string;
  prenom: string;
  dateNaissance: string | null;
  donnees: string;
  lot: number;
  statut: LigneBeneficiaire['statut'];
  /** `null` : pas d’adresse électronique. */
  email: string | null;
  telephone: string | null;
  /** 1 quand une UO (1, 2.1 ou 2.2) a été engagée : les données « à partir de l'UO 1 » sont dues. */
  uo1: 0 | 1;
}

interface DemandeBrute {
  reference: string;
  modifieLe: string;
  nom: string;
  prenom: string;
  email: string;
  situation: LigneBeneficiaire['statut'];
  statut: string;
}

interface IdentiteGuichetBrute {
  numeroDossier: string;
  horodatage: string;
  nom: string | null;
  prenom: string | null;
  dateNaissance: string | null;
  statut: LigneBeneficiaire['statut'];
  /** 1 quand l'identité a été effacée à la demande de la personne (`efface_le`). */
  efface: 0 | 1;
}

/** Les données de l'annexe 2 §1 saisies dans le dossier (JSON validé à la saisie par server/parcours/schema.ts). */
type DonneesDossier = Partial<Record<string, string>>;

const VIDE = {
  sexe: null,
  dateNaissance: null,
  adresseNumeroVoie: null,
  adresseTypeVoie: null,
  adresseNomVoie: null,
  adresseCodePostal: null,
  adresseCommune: null,
  departementEntreprise: null,
  codePostalEntreprise: null,
  communeEntreprise: null,
  structure: null,
  handicap: null,
  niveauFormation: null,
  secteurActivite: null,
  libelleSecteur: null,
  tailleEntreprise: null,
  categorieSociale: null,
  libelleProfession: null,
  entreeEntreprise: null,
  email: null,
  telephone: null,
} as const;

/** Une identité effacée reste le marqueur ; une donnée effacée ou absente devient vide. */
const lue = (valeur: string | null | undefined) =>
  valeur === undefined || valeur === null || valeur === EFFACE || valeur === '' ? null : valeur;

/**
 * Les bénéficiaires du jour (annexe 2 §1) : les dossiers créés ou modifiés ce jour-là à Paris (ou dont la demande l'a
 * été), puis les demandes de premier rendez-vous modifiées ce jour-là qui n'ont pas (encore) de dossier, puis les
 * orientations enregistrées ce jour-là par un conseiller avec l'identité que la personne a donnée. Nom, prénom, date de
 * naissance et statut dès l'UO 0 ; le reste à partir de l'UO 1 (une UO engagée, ou pour une demande sans dossier, le
 * premier échange enregistré).
 */
export function* lignesBeneficiaires(
  client: BaseSqlite.Database,
  date: DateCivile,
  libelleSecteur: LibelleSecteur,
): Generator<LigneBeneficiaire> {
  const { debut, fin } = intervalleDuJour(date);
  const dansLeJour = (instant: string | null) => instant !== null && instant >= debut && instant < fin;
  const dossiers = client
    .prepare<[{ debut: string; fin: string }], DossierBrut>(
      `select x.identifiant, x.modifie_le as modifieLe, d.modifie_le as demandeModifieeLe, x.nom, x.prenom,
         x.date_naissance as dateNaissance, x.donnees, x.lot, x.statut, x.email, x.telephone,
         exists (select 1 from unites_oeuvre u where u.dossier_id = x.id) as uo1
       from dossiers x left join demandes d on d.id = x.demande_id
       where x.id in (select id from dossiers where modifie_le >= @debut and modifie_le < @fin
                      union select x2.id from demandes d2 join dossiers x2 on x2.demande_id = d2.id
                        where d2.modifie_le >= @debut and d2.modifie_le < @fin)
       order by x.modifie_le, x.id`,
    )
    .iterate({ debut, fin });
  for (const x of dossiers) {
    const instant = [x.modifieLe, x.demandeModifieeLe].filter(dansLeJour).sort().at(-1)!;
    const uo1 = x.uo1 === 1;
    const d: DonneesDossier = uo1 ? (JSON.parse(x.donnees) as DonneesDossier) : {};
    const secteur = lue(d.secteurActivite);
    yield {
      identifiant: x.identifiant,
      ...dateHeureHorodatage(instant),
      nom: x.nom,
      prenom: x.prenom,
      ...VIDE,
      sexe: lue(d.sexe),
      dateNaissance: lue(x.dateNaissance),
      adresseNumeroVoie: lue(d.adresseNumeroVoie),
      adresseTypeVoie: lue(d.adresseTypeVoie),
      adresseNomVoie: lue(d.adresseNomVoie),
      adresseCodePostal: lue(d.adresseCodePostal),
      adresseCommune: lue(d.adresseCommune),
      departementEntreprise: lue(d.departementEntreprise),
      codePostalEntreprise: lue(d.codePostalEntreprise),
      communeEntreprise: lue(d.communeEntreprise),
      structure: uo1 ? x.lot : null,
      niveauFormation: lue(d.niveauFormation),
      secteurActivite: secteur,
      libelleSecteur: secteur ? (libelleSecteur(secteur) ?? null) : null,
      tailleEntreprise: lue(d.tailleEntreprise),
      categorieSociale: lue(d.categorieSociale),
      libelleProfession: lue(d.libelleProfession),
      statut: x.statut,
      entreeEntreprise: lue(d.entreeEntreprise),
      email: uo1 ? lue(x.email) : null,
      telephone: uo1 ? lue(x.telephone) : null,
    };
  }
  const demandes = client
    .prepare<[string, string], DemandeBrute>(
      `select reference, modifie_le as modifieLe, nom, prenom, email, situation, statut
       from demandes d where modifie_le >= ? and modifie_le < ?
         and not exists (select 1 from dossiers x where x.demande_id = d.id)
       order by modifie_le, id`,
    )
    .iterate(debut, fin);
  for (const d of demandes) {
    yield {
      identifiant: d.reference,
      ...dateHeureHorodatage(d.modifieLe),
      nom: d.nom,
      prenom: d.prenom,
      ...VIDE,
      statut: d.situation,
      // Annexe 2 §1 : l'adresse électronique n'est due qu'« à partir de l'UO 1 », qui commence au premier échange.
      email: d.statut === 'premier-echange' ? lue(d.email) : null,
    };
  }
  // Une orientation au guichet reste une UO 0 : seulement ce que la personne a bien voulu donner, rien de l'UO 1. Une
  // identité effacée à sa demande part le jour de l'effacement, nom et prénom `[effacé]` (RGPD art. 19), et plus le
  // jour de l'orientation.
  const guichet = client
    .prepare<[{ date: string; debut: string; fin: string }], IdentiteGuichetBrute>(
      `select i.numero_dossier as numeroDossier, coalesce(i.efface_le, o.horodatage) as horodatage, i.nom, i.prenom,
         i.date_naissance as dateNaissance, o.statut, i.efface_le is not null as efface
       from orientations o join orientation_identites i on i.orientation_id = o.id
       where i.numero_dossier is not null
         and ((o.date = @date and i.efface_le is null) or (i.efface_le >= @debut and i.efface_le < @fin))
       order by o.id`,
    )
    .iterate({ date, debut, fin });
  for (const g of guichet) {
    yield {
      identifiant: g.numeroDossier,
      ...dateHeureHorodatage(g.horodatage),
      nom: g.efface ? EFFACE : lue(g.nom),
      prenom: g.efface ? EFFACE : lue(g.prenom),
      ...VIDE,
      dateNaissance: lue(g.dateNaissance),
      statut: g.statut,
    };
  }
}

/** Nombre de lignes de `lignesBeneficiaires` pour un jour, par les mêmes index. */
export function compterBeneficiaires(client: BaseSqlite.Database, date: DateCivile): number {
  const { debut, fin } = intervalleDuJour(date);
  return client
    .prepare<[{ debut: string; fin: string; date: string }], number>(
      `select (select count(*) from (select id from dossiers where modifie_le >= @debut and modifie_le < @fin
                 union select x2.id from demandes d2 join dossiers x2 on x2.demande_id = d2.id
                   where d2.modifie_le >= @debut and d2.modifie_le < @fin))
            + (select count(*) from demandes d where modifie_le >= @debut and modifie_le < @fin
                 and not exists (select 1 from dossiers x where x.demande_id = d.id))
            + (select count(*) from orientations o join orientation_identites i on i.orientation_id = o.id
                 where i.numero_dossier is not null
                   and ((o.date = @date and i.efface_le is null) or (i.efface_le >= @debut and i.efface_le < @fin)))`,
    )
    .pluck()
    .get({ debut, fin, date })!;
}
