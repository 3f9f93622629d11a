import { asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Executeur } from '../../db/client.ts';
import { EFFACE, lignesPerimees, memeAdresse, parmiIds, type LignesPerimees } from '../../db/donnees-personnelles.ts';
import { executer, lignes, tables } from '../../db/moteur.ts';
import { nomComparable } from '../orientation-guichet/repository.ts';
import { depotParcours, type Dossier, type LigneInteraction, type Livrable, type UniteOeuvre } from './repository.ts';

// Le parcours dans les droits des personnes et la purge (server/donnees-personnelles/ orchestre) : ce qui désigne une
// personne, ce qu'elle peut lire, ce que l'effacement et la conservation laissent. Décision :
// docs/decisions/2026-12-06-donnees-du-parcours.md.

/** Le parcours d'une personne : son dossier, ses UO avec leurs interactions (notes comprises) et leurs livrables. */
export interface ParcoursPersonne {
  dossier: Dossier;
  uos: { uo: UniteOeuvre; interactions: LigneInteraction[]; livrable: Livrable | undefined }[];
}

/** Ce qui désigne une personne : adresse, numéro (du dossier ou d'une de ses UO), nom et date de naissance ensemble. */
export interface CritereParcours {
  email?: string | undefined;
  reference?: string | undefined;
  nom?: string | undefined;
  dateNaissance?: string | undefined;
}

/** Les données d'un dossier que garde un effacement : le numéro, le lot, la commune, le statut et les dates. */
const DONNEES_VIDES = '{}';
/** Les champs de l'UO 2 que gardent l'effacement et la purge : des codes des tables de référence, jamais un texte libre. */
const CHAMPS_UO2_GARDES = [
  'typesService',
  'prestationsComplementaires',
  'autoPrescription',
  'financementsFormation',
  'decouvertesMetiers',
  'projetReconversionCpir',
  'etatProjet',
];

/**
 * Les dossiers qu'aucune UO ouverte ne retient et dont la dernière date (création, engagement, clôture) précède `date` :
 * chacune de ces dates la précède (écrit sans le `max(a, b)` de SQLite, qui est `greatest(a, b)` sur PostgreSQL).
 */
const inactifsAvant = (date: string) => sql`
  not exists (select 1 from unites_oeuvre u where u.dossier_id = dossiers.id and u.statut = 'ouverte')
  and substr(dossiers.cree_le, 1, 10) < ${date}
  and not exists (select 1 from unites_oeuvre u where u.dossier_id = dossiers.id
                  and (u.date_engagement >= ${date} or coalesce(u.date_cloture, '') >= ${date}))`;

/** Accès du parcours pour le droit d'accès, l'effacement et la purge. Écrit dans la transaction reçue. */
export function depotDonneesParcours(db: Executeur) {
  const depot = depotParcours(db);
  const { dossiers } = tables(db);
  return {
    /**
     * Les dossiers d'une personne dont l'identité n'est pas effacée : même adresse (sans la casse), ce numéro (du
     * dossier ou d'une de ses UO), même nom (sans casse ni accents) et date de naissance, ou rattachés à ses demandes.
     */
    async dossiersDeLaPersonne(critere: CritereParcours, demandeIds: readonly number[]): Promise<Dossier[]> {
      const parUo = critere.reference ? (await depot.uoParNumero(critere.reference))?.dossierId : undefined;
      const conditions = [
        critere.email ? memeAdresse(dossiers.email, critere.email) : undefined,
        critere.reference ? eq(dossiers.identifiant, critere.reference) : undefined,
        parUo !== undefined ? eq(dossiers.id, parUo) : undefined,
        demandeIds.length ? inArray(dossiers.demandeId, [...demandeIds]) : undefined,
      ].filter((c) => c !== undefined);
      const trouves = conditions.length
        ? await db
            .select()
            .from(dossiers)
            .where(or(...conditions))
        : [];
      const parNom =
        critere.nom && critere.dateNaissance
          ? (await db.select().from(dossiers).where(eq(dossiers.dateNaissance, critere.dateNaissance))).filter(
              (d) => nomComparable(d.nom) === nomComparable(critere.nom!),
            )
          : [];
      const parId = new Map([...trouves, ...parNom].filter((d) => d.nom !== EFFACE).map((d) => [d.id, d]));
      return [...parId.values()].sort((a, b) => a.id - b.id);
    },

    /** Tout le parcours d'un dossier, dans l'ordre des UO. */
    async parcoursDe(dossier: Dossier): Promise<ParcoursPersonne> {
      const uos = await depot.uosDuDossier(dossier.id);
      const livrables = new Map((await depot.livrablesDesUo(uos.map((u) => u.id))).map((l) => [l.uoId, l]));
      const parcours: ParcoursPersonne['uos'] = [];
      for (const uo of uos) parcours.push({ uo, interactions: await depot.interactionsDe(uo.id), livrable: livrables.get(uo.id) });
      return { dossier, uos: parcours };
    },

    /**
     * Efface l'identité et le contenu de dossiers et garde leur squelette (numéros, dates, motifs, codes de l'UO 2), ce
     * qu'exigent les indicateurs et la consommation des bons de commande : identité, données de l'annexe 2, notes,
     * raisons et souhaits écrits de clôture, textes libres de l'UO 2, contenu et PDF des livrables, mention, canal du
     * code, scans ; les codes, liens et sessions de l'espace sont supprimés. Un livrable pas encore déposé ne le sera plus
     * (son PDF n'existe plus ; l'export du jour ne bloque pas), `transmis_le` reste. `notifierLe` fait repartir le dossier dans
     * l'export de ce jour (effacement demandé, RGPD art. 19) ; `null` (purge de routine) n'envoie rien.
     * @returns les chemins des scans à supprimer du disque après la validation (relatifs au dossier des pièces jointes).
     */
    async effacer(ids: readonly number[], notifierLe: string | null): Promise<string[]> {
      if (ids.length === 0) return [];
      const uos = sql`(select id from unites_oeuvre where dossier_id in ${parmiIds(db, ids)})`;
      const livrables = sql`(select id from livrables where uo_id in ${uos})`;
      const scans = (
        await lignes<{ chemin: string }>(
          db,
          sql`select scan_chemin as chemin from livrables where uo_id in ${uos} and scan_chemin is not null`,
        )
      ).map((l) => l.chemin);
      await executer(db, sql`delete from codes_signature where livrable_id in ${livrables}`);
      await executer(db, sql`delete from liens_espace where dossier_id in ${parmiIds(db, ids)}`);
      await executer(db, sql`delete from sessions_espace where dossier_id in ${parmiIds(db, ids)}`);
      await executer(
        db,
        sql`update livrables set contenu = ${DONNEES_VIDES}, pdf = null, empreinte = null, mention = null, canal_code = null,
        scan_chemin = null, scan_empreinte = null, a_transmettre_le = null where id in ${livrables}`,
      );
      await executer(db, sql`update interactions set note = null where uo_id in ${uos}`);
      for (const uo of await lignes<{ id: number; donnees: string | null }>(
        db,
        sql`select id, donnees_uo2 as donnees from unites_oeuvre where dossier_id in ${parmiIds(db, ids)}`,
      )) {
        await executer(
          db,
          sql`update unites_oeuvre set raison_cloture = null, donnees_uo2 = ${codesDeLUo2(uo.donnees)} where id = ${uo.id}`,
        );
      }
      await executer(
        db,
        sql`update dossiers set nom = ${EFFACE}, prenom = ${EFFACE}, email = null, telephone = null, date_naissance = null,
        donnees = ${DONNEES_VIDES}, donnees_saisies_par = ${DONNEES_VIDES}, modifie_le = coalesce(${notifierLe}, modifie_le)
        where id in ${parmiIds(db, ids)}`,
      );
      return scans;
    },

    /** Les dossiers (identité pas encore effacée : le nom, toujours présent, marque le squelette) sans UO ouverte dont la dernière date précède `date` (AAAA-MM-JJ). */
    inactifsAvant: async (date: string): Promise<number[]> =>
      (
        await db
          .select({ id: dossiers.id })
          .from(dossiers)
          .where(sql`${dossiers.nom} <> ${EFFACE} and ${inactifsAvant(date)}`)
          .orderBy(asc(dossiers.id))
      ).map((d) => d.id),

    /**
     * Les squelettes (identité effacée) dont la dernière date précède `date` : la durée des statistiques est passée.
     * Ils sont supprimés avec leurs UO, interactions et livrables (dans l'ordre des clés étrangères).
     */
    squelettesAnterieurs(date: string): LignesPerimees {
      const cibles = squelettesAvant(date);
      const uos = sql`(select id from unites_oeuvre where dossier_id in ${cibles})`;
      const compte = lignesPerimees(db, 'dossiers', sql`id in ${cibles}`);
      return {
        compter: () => compte.compter(),
        supprimer: async () => {
          await executer(db, sql`delete from codes_signature where livrable_id in (select id from livrables where uo_id in ${uos})`);
          await executer(db, sql`delete from livrables where uo_id in ${uos}`);
          await executer(db, sql`delete from interactions where uo_id in ${uos}`);
          await executer(db, sql`delete from unites_oeuvre where dossier_id in ${cibles}`);
          await executer(db, sql`delete from liens_espace where dossier_id in ${cibles}`);
          await executer(db, sql`delete from sessions_espace where dossier_id in ${cibles}`);
          return compte.supprimer();
        },
      };
    },

    /**
     * Les liens de l'espace expirés avant `limiteLiens` (la durée des courriels qui les portent) et les sessions expirées
     * avant `limiteSessions` (instants ISO).
     */
    liensEtSessionsPerimes: (limiteLiens: string, limiteSessions: string): LignesPerimees => {
      const liens = lignesPerimees(db, 'liens_espace', sql`expire_le < ${limiteLiens}`);
      const sessions = lignesPerimees(db, 'sessions_espace', sql`expire_le < ${limiteSessions}`);
      return {
        compter: async () => (await liens.compter()) + (await sessions.compter()),
        supprimer: async () => (await liens.supprimer()) + (await sessions.supprimer()),
      };
    },

    /**
     * Les codes de signature expirés avant `limite` (la durée des courriels qui les portent : d'ici là, « code expiré »
     * reste un message juste) ; seule leur empreinte était gardée, la preuve est dans le livrable.
     */
    codesPerimes: (limite: string): LignesPerimees => lignesPerimees(db, 'codes_signature', sql`expire_le < ${limite}`),
  };
}

/** La sous-requête des identifiants des squelettes de dossiers dont la dernière date précède `date`. */
export const squelettesAvant = (date: string) => sql`(select id from dossiers where nom = ${EFFACE} and ${inactifsAvant(date)})`;

/** Les seuls codes des tables de référence d'une UO 2 (JSON), ou `null`. */
function codesDeLUo2(donnees: string | null): string | null {
  if (donnees === null) return null;
  const lues = JSON.parse(donnees) as Record<string, unknown>;
  return JSON.stringify(Object.fromEntries(CHAMPS_UO2_GARDES.filter((c) => Object.hasOwn(lues, c)).map((c) => [c, lues[c]])));
}
