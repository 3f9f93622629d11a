import { sql } from 'drizzle-orm';
import type { BaseDeDonnees } from '../../db/client.ts';
import type { DateCivile } from '../calendrier/dates.ts';
import { EFFACE } from '../../db/donnees-personnelles.ts';
import { dateHeureHorodatage } from './ecrire.ts';
import { apresInstantId, compter, limiter, parPaquets, vrai, type Lecture, type RequetePaginee } from './lecture.ts';
import { intervalleDuJour } from './repository.ts';
import type { LigneBeneficiaire } from './schemas.ts';

/** Le libellé d'une section NAF (content/parcours/sections-naf.json), passé par l'appelant. */
export type LibelleSecteur = (code: string) => string | undefined;

interface DossierBrut {
  id: number;
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
  /** Vrai (1 ou `true`) quand une UO (1, 2.1 ou 2.2) a été engagée : les données « à partir de l'UO 1 » sont dues. */
  uo1: 0 | 1 | boolean;
}

interface DemandeBrute {
  id: number;
  reference: string;
  modifieLe: string;
  nom: string;
  prenom: string;
  email: string;
  situation: LigneBeneficiaire['statut'];
  statut: string;
}

interface IdentiteGuichetBrute {
  id: number;
  numeroDossier: string;
  horodatage: string;
  nom: string | null;
  prenom: string | null;
  dateNaissance: string | null;
  statut: LigneBeneficiaire['statut'];
  /** Vrai (1 ou `true`) quand l'identité a été effacée à la demande de la personne (`efface_le`). */
  efface: 0 | 1 | boolean;
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
 * Les dossiers créés ou modifiés ce jour-là, ou dont la demande l'a été, dans l'ordre `(x.modifie_le, x.id)`. Par pages,
 * chaque branche de l'union s'arrête elle aussi à la limite après la clé : une page lit au plus deux fois `limite` numéros
 * par les index, pas tous ceux du jour.
 */
const dossiersDuJour = (debut: string, fin: string): RequetePaginee<DossierBrut, [string, number]> => ({
  sql: (apres, limite) =>
    sql`select x.id, x.identifiant, x.modifie_le as "modifieLe", d.modifie_le as "demandeModifieeLe", x.nom, x.prenom,
         x.date_naissance as "dateNaissance", x.donnees, x.lot, x.statut, x.email, x.telephone,
         exists (select 1 from unites_oeuvre u where u.dossier_id = x.id) as uo1
       from dossiers x left join demandes d on d.id = x.demande_id
       where x.id in (select id from (select id from dossiers where modifie_le >= ${debut} and modifie_le < ${fin}
                                        and ${apresInstantId(sql`modifie_le`, sql`id`, apres)} order by modifie_le, id ${limiter(limite)}) a
                      union select id from (select x2.id from demandes d2 join dossiers x2 on x2.demande_id = d2.id
                        where d2.modifie_le >= ${debut} and d2.modifie_le < ${fin}
                          and ${apresInstantId(sql`x2.modifie_le`, sql`x2.id`, apres)} order by x2.modifie_le, x2.id ${limiter(limite)}) b)
         and ${apresInstantId(sql`x.modifie_le`, sql`x.id`, apres)}
       order by x.modifie_le, x.id ${limiter(limite)}`,
  cle: (x) => [x.modifieLe, x.id],
});

/** Les demandes de premier rendez-vous modifiées ce jour-là qui n'ont pas (encore) de dossier. */
const demandesSansDossier = (debut: string, fin: string): RequetePaginee<DemandeBrute, [string, number]> => ({
  sql: (apres, limite) =>
    sql`select id, reference, modifie_le as "modifieLe", nom, prenom, email, situation, statut
       from demandes d where modifie_le >= ${debut} and modifie_le < ${fin}
         and not exists (select 1 from dossiers x where x.demande_id = d.id) and ${apresInstantId(sql`modifie_le`, sql`id`, apres)}
       order by modifie_le, id ${limiter(limite)}`,
  cle: (d) => [d.modifieLe, d.id],
});

/** Les identités données au guichet, enregistrées ce jour-là ou effacées ce jour-là. */
const identitesGuichet = (date: DateCivile, debut: string, fin: string): RequetePaginee<IdentiteGuichetBrute, number> => ({
  sql: (apres, limite) =>
    sql`select o.id, i.numero_dossier as "numeroDossier", coalesce(i.efface_le, o.horodatage) as horodatage, i.nom, i.prenom,
         i.date_naissance as "dateNaissance", o.statut, i.efface_le is not null as efface
       from orientations o join orientation_identites i on i.orientation_id = o.id
       where i.numero_dossier is not null
         and ((o.date = ${date} and i.efface_le is null) or (i.efface_le >= ${debut} and i.efface_le < ${fin}))
         and o.id > ${apres ?? 0}
       order by o.id ${limiter(limite)}`,
  cle: (g) => g.id,
});

/** Un dossier lu, en ligne de l'annexe 2 §1, horodaté de sa dernière modification du jour (dossier ou demande). */
function ligneDossier(x: DossierBrut, dansLeJour: (instant: string | null) => boolean, libelleSecteur: LibelleSecteur): LigneBeneficiaire {
  const instant = [x.modifieLe, x.demandeModifieeLe].filter(dansLeJour).sort().at(-1)!;
  const uo1 = vrai(x.uo1);
  const d: DonneesDossier = uo1 ? (JSON.parse(x.donnees) as DonneesDossier) : {};
  const secteur = lue(d.secteurActivite);
  return {
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

const ligneDemande = (d: DemandeBrute): LigneBeneficiaire => ({
  identifiant: d.reference,
  ...dateHeureHorodatage(d.modifieLe),
  nom: d.nom,
  prenom: d.prenom,
  ...VIDE,
  statut: d.situation,
  // Annexe 2 §1 : l'adresse électronique n'est due qu'« à partir de l'UO 1 », qui commence au premier échange.
  email: d.statut === 'premier-echange' ? lue(d.email) : null,
});

// Une orientation au guichet reste une UO 0 : seulement ce que la personne a bien voulu donner, rien de l'UO 1. Une
// identité effacée à sa demande part le jour de l'effacement, nom et prénom `[effacé]` (RGPD art. 19), et plus le
// jour de l'orientation.
const ligneGuichet = (g: IdentiteGuichetBrute): LigneBeneficiaire => {
  const efface = vrai(g.efface);
  return {
    identifiant: g.numeroDossier,
    ...dateHeureHorodatage(g.horodatage),
    nom: efface ? EFFACE : lue(g.nom),
    prenom: efface ? EFFACE : lue(g.prenom),
    ...VIDE,
    dateNaissance: lue(g.dateNaissance),
    statut: g.statut,
  };
};

/**
 * Les bénéficiaires du jour (annexe 2 §1), par paquets : les dossiers créés ou modifiés ce jour-là à Paris (ou dont la
 * demande l'a été), puis les demandes de premier rendez-vous modifiées ce jour-là qui n'ont pas (encore) de dossier, puis
 * les orientations enregistrées ce jour-là par un conseiller avec l'identité que la personne a donnée. Nom, prénom, date
 * de naissance et statut dès l'UO 0 ; le reste à partir de l'UO 1 (une UO engagée, ou pour une demande sans dossier, le
 * premier échange enregistré).
 */
export async function* lignesBeneficiaires(
  db: BaseDeDonnees,
  date: DateCivile,
  libelleSecteur: LibelleSecteur,
  lecture: Lecture = 'pages',
): AsyncGenerator<LigneBeneficiaire[]> {
  const { debut, fin } = intervalleDuJour(date);
  const dansLeJour = (instant: string | null) => instant !== null && instant >= debut && instant < fin;
  for await (const paquet of parPaquets(db, dossiersDuJour(debut, fin), lecture)) yield paquet.map((x) => ligneDossier(x, dansLeJour, libelleSecteur));
  for await (const paquet of parPaquets(db, demandesSansDossier(debut, fin), lecture)) yield paquet.map(ligneDemande);
  for await (const paquet of parPaquets(db, identitesGuichet(date, debut, fin), lecture)) yield paquet.map(ligneGuichet);
}

/** Nombre de lignes de `lignesBeneficiaires` pour un jour, par les mêmes index. */
export async function compterBeneficiaires(db: BaseDeDonnees, date: DateCivile): Promise<number> {
  const { debut, fin } = intervalleDuJour(date);
  return compter(
    db,
    sql`select (select count(*) from (select id from dossiers where modifie_le >= ${debut} and modifie_le < ${fin}
                 union select x2.id from demandes d2 join dossiers x2 on x2.demande_id = d2.id
                   where d2.modifie_le >= ${debut} and d2.modifie_le < ${fin}) a)
            + (select count(*) from demandes d where modifie_le >= ${debut} and modifie_le < ${fin}
                 and not exists (select 1 from dossiers x where x.demande_id = d.id))
            + (select count(*) from orientations o join orientation_identites i on i.orientation_id = o.id
                 where i.numero_dossier is not null
                   and ((o.date = ${date} and i.efface_le is null) or (i.efface_le >= ${debut} and i.efface_le < ${fin}))) as n`,
  );
}
