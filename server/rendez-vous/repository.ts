import { and, asc, eq, gt, gte, inArray, isNull, lt, ne, sql, type SQL } from 'drizzle-orm';
import type BaseSqlite from 'better-sqlite3';
import type { BaseDeDonnees, Executeur } from '../../db/client.ts';
import { lignesPreparees, type InstructionNommee } from '../../db/client-postgres.ts';
import { deLaPersonne, EFFACE, lignesPerimees, parmiIds, type LignesPerimees } from '../../db/donnees-personnelles.ts';
import { executer, lignes, lignesTouchees, moteurDe, selonMoteur, tables } from '../../db/moteur.ts';
import type { LigneDeLaBoite } from '../courriel/repository.ts';
import type { agendas, creneaux, demandes } from '../../db/schema/rendez-vous.ts';
import { numeroDuBloc } from './numeros-par-blocs.ts';
import type { Modalite } from './schema.ts';

export type Creneau = typeof creneaux.$inferSelect;
/** Ce qu'il faut d'un créneau libre pour le proposer (colonnes de l'index couvrant). */
export type CreneauLibre = Pick<Creneau, 'id' | 'lot' | 'site' | 'modalite' | 'debut' | 'fin'>;

let versionCreneaux = 0;
/**
 * Augmente à chaque écriture sur les créneaux (réservation, libération, publication, retrait) : les listes de créneaux
 * libres mises en cache par une version plus ancienne sont périmées.
 */
export const versionDesCreneaux = () => versionCreneaux;
const creneauxModifies = () => void (versionCreneaux += 1);
export type Demande = typeof demandes.$inferSelect;
export type NouvelleDemande = typeof demandes.$inferInsert;
export type Agenda = typeof agendas.$inferSelect;

/**
 * Accès aux agendas, créneaux et demandes de rendez-vous, sur SQLite comme sur PostgreSQL (db/moteur.ts). Toutes les
 * fonctions écrivent dans la transaction reçue.
 */
export function depotRendezVous(db: Executeur) {
  const { agendas, creneaux, demandes, liensSuivi } = tables(db);
  const demandeOu = async (condition: SQL | undefined): Promise<Demande | undefined> => {
    const [demande] = await db.select().from(demandes).where(condition).limit(1);
    return demande;
  };
  return {
    /** Rend un créneau réservé (annulation, déplacement), seulement s'il est à venir. */
    async libererCreneau(id: number, maintenant: string): Promise<void> {
      creneauxModifies();
      await db
        .update(creneaux)
        .set({ statut: 'libre' })
        .where(and(eq(creneaux.id, id), eq(creneaux.statut, 'reserve'), gt(creneaux.debut, maintenant)));
    },

    /** Modifie une demande ; `modifieLe` (l'instant de l'écriture) est exigé : l'export quotidien la reprend ce jour-là. */
    async modifierDemande(id: number, valeurs: Partial<NouvelleDemande> & { modifieLe: string }): Promise<void> {
      await db.update(demandes).set(valeurs).where(eq(demandes.id, id));
    },
    demandeParReference: (reference: string) => demandeOu(eq(demandes.reference, reference)),
    async creneau(id: number): Promise<Creneau | undefined> {
      const [creneau] = await db.select().from(creneaux).where(eq(creneaux.id, id)).limit(1);
      return creneau;
    },
    /**
     * Garde l'empreinte du code court de la demande, s'il n'y en a pas encore (hors du chemin de la demande : à la
     * première page de confirmation), ou à sa place (`remplacer` : une convocation réimprimée porte un code neuf, l'ancien
     * ne sert plus). Rend vrai si cette empreinte est désormais celle de la demande.
     */
    async poserEmpreinteCode(id: number, empreinte: string, remplacer = false): Promise<boolean> {
      const cible = remplacer ? eq(demandes.id, id) : and(eq(demandes.id, id), isNull(demandes.empreinteCode));
      await db.update(demandes).set({ empreinteCode: empreinte }).where(cible);
      const [lue] = await db.select({ e: demandes.empreinteCode }).from(demandes).where(eq(demandes.id, id)).limit(1);
      return lue?.e === empreinte;
    },
    /** La demande d'un code court (`empreinteCode`). */
    demandeParEmpreinteCode: (empreinte: string) => demandeOu(eq(demandes.empreinteCode, empreinte)),
    /** La demande d'un lien privé : celui de la confirmation à l'écran, ou l'un de ceux que les courriels ont portés. */
    async demandeParEmpreinte(empreinte: string): Promise<Demande | undefined> {
      const directe = await demandeOu(eq(demandes.empreinteJeton, empreinte));
      if (directe) return directe;
      const [lien] = await db
        .select({ demande: demandes })
        .from(liensSuivi)
        .innerJoin(demandes, eq(demandes.id, liensSuivi.demandeId))
        .where(eq(liensSuivi.empreinte, empreinte))
        .limit(1);
      return lien?.demande;
    },
    /** Garde l'empreinte d'un nouveau lien privé de la demande (créé par le facteur, au moment d'envoyer un courriel). */
    async ajouterLienSuivi(demandeId: number, empreinte: string, creeLe: string): Promise<void> {
      await db.insert(liensSuivi).values({ demandeId, empreinte, creeLe });
    },

    /** Les demandes sans premier échange, de l'échéance la plus proche à la plus lointaine. */
    demandesOuvertes: async (lots: readonly number[]) =>
      db
        .select({ demande: demandes, creneau: creneaux })
        .from(demandes)
        .leftJoin(creneaux, eq(demandes.creneauId, creneaux.id))
        .where(and(eq(demandes.statut, 'ouverte'), inArray(demandes.lot, [...lots])))
        // `id` départage deux demandes de la même milliseconde : le même ordre sur les deux moteurs.
        .orderBy(asc(demandes.echeance), asc(demandes.creeLe), asc(demandes.id)),

    /** Les demandes réorientées vers un autre opérateur depuis une date, les plus récentes d'abord. */
    demandesReorientees: async (lots: readonly number[], depuis: string) =>
      db
        .select()
        .from(demandes)
        .where(and(eq(demandes.statut, 'reorientee'), inArray(demandes.lot, [...lots]), gte(demandes.dateDemande, depuis)))
        .orderBy(sql`${demandes.dateDemande} desc`, sql`${demandes.id} desc`),

    /** Demandes prises en compte par l'indicateur de délai (ni annulées ni réorientées), sur une période de dates. */
    demandesPourIndicateur: async (periode: { du: string; au: string }) =>
      db
        .select({
          lot: demandes.lot,
          commune: demandes.commune,
          dateDemande: demandes.dateDemande,
          echeance: demandes.echeance,
          statut: demandes.statut,
          premierEchangeLe: demandes.premierEchangeLe,
        })
        .from(demandes)
        .where(
          and(
            inArray(demandes.statut, ['ouverte', 'premier-echange']),
            gte(demandes.dateDemande, periode.du),
            lt(demandes.dateDemande, periode.au),
          ),
        ),

    // --- Agendas ---

    async agendaDuCompte(compteId: number): Promise<Agenda | undefined> {
      const [agenda] = await db.select().from(agendas).where(eq(agendas.compteId, compteId)).limit(1);
      return agenda;
    },
    async agendaDeDemonstration(): Promise<Agenda | undefined> {
      const [agenda] = await db.select().from(agendas).where(isNull(agendas.compteId)).orderBy(asc(agendas.id)).limit(1);
      return agenda;
    },
    async creerAgenda(valeurs: typeof agendas.$inferInsert): Promise<Agenda> {
      const [agenda] = await db.insert(agendas).values(valeurs).returning();
      return agenda!;
    },
    async nombreDeCreneaux(): Promise<number> {
      const [compte] = await db
        .select({ n: sql<number>`count(*)`.mapWith(Number) })
        .from(creneaux);
      return compte?.n ?? 0;
    },
    async insererCreneaux(lignesCreneaux: (typeof creneaux.$inferInsert)[]): Promise<void> {
      creneauxModifies();
      for (let i = 0; i < lignesCreneaux.length; i += 500) await db.insert(creneaux).values(lignesCreneaux.slice(i, i + 500));
    },
    /** Créneaux d'un agenda qui chevauchent [debut, fin[ (pour refuser une double publication). */
    chevauchements: async (agendaId: number, debut: string, fin: string) =>
      db
        .select({ id: creneaux.id })
        .from(creneaux)
        .where(and(eq(creneaux.agendaId, agendaId), ne(creneaux.statut, 'retire'), lt(creneaux.debut, fin), gt(creneaux.fin, debut))),
    /** Créneaux publiés (non retirés) à venir entre deux instants, tous agendas ou un seul. */
    creneauxPublies: async (filtre: { du: string; au: string; agendaId?: number }) =>
      db
        .select({ creneau: creneaux, agenda: agendas })
        .from(creneaux)
        .innerJoin(agendas, eq(creneaux.agendaId, agendas.id))
        .where(
          and(
            ne(creneaux.statut, 'retire'),
            gte(creneaux.debut, filtre.du),
            lt(creneaux.debut, filtre.au),
            filtre.agendaId ? eq(creneaux.agendaId, filtre.agendaId) : undefined,
          ),
        )
        .orderBy(asc(creneaux.debut), asc(creneaux.id)),
    /** Le premier créneau libre à venir d'un lot. */
    async premierCreneauLibre(lot: number, apres: string): Promise<Creneau | undefined> {
      const [creneau] = await db
        .select()
        .from(creneaux)
        .where(and(eq(creneaux.statut, 'libre'), eq(creneaux.lot, lot), gt(creneaux.debut, apres)))
        .orderBy(asc(creneaux.debut), asc(creneaux.id))
        .limit(1);
      return creneau;
    },
    /** Retire un créneau libre d'un agenda (jamais un créneau réservé). */
    async retirerCreneau(id: number, agendaId: number | undefined): Promise<boolean> {
      creneauxModifies();
      const resultat = await db
        .update(creneaux)
        .set({ statut: 'retire' })
        .where(and(eq(creneaux.id, id), eq(creneaux.statut, 'libre'), agendaId === undefined ? undefined : eq(creneaux.agendaId, agendaId)));
      return lignesTouchees(resultat) === 1;
    },

    // --- Données personnelles : droit d'accès, effacement, purge (server/donnees-personnelles/ orchestre) ---

    /** Les demandes d'une personne dont l'identité n'est pas effacée : même adresse (sans la casse) ou ce numéro de dossier. */
    async demandesDeLaPersonne(critere: { email?: string; reference?: string }): Promise<{ demande: Demande; creneau: Creneau | undefined }[]> {
      const trouvees = await db
        .select({ demande: demandes, creneau: creneaux })
        .from(demandes)
        .leftJoin(creneaux, eq(creneaux.id, demandes.creneauId))
        .where(deLaPersonne(demandes.email, demandes.reference, critere))
        .orderBy(asc(demandes.id));
      return trouvees.map((l) => ({ demande: l.demande, creneau: l.creneau ?? undefined }));
    },

    /**
     * Efface l'identité de demandes et garde ce qui sert aux indicateurs (dates, statut, lot, commune, situation, motif,
     * modalité, premier échange, réorientation). Leurs liens privés cessent de fonctionner : l'empreinte de la demande est
     * remplacée par une valeur aléatoire, celles des courriels sont supprimées. `instant` date l'écriture (`modifie_le`) :
     * l'export quotidien transmet l'effacement à France compétences le jour même (RGPD art. 19).
     */
    async anonymiserDemandes(ids: readonly number[], notifierLe: string | null): Promise<void> {
      if (ids.length === 0) return;
      await executer(db, sql`delete from liens_suivi where demande_id in ${parmiIds(db, ids)}`);
      // Une empreinte aléatoire par ligne, que personne ne peut reproduire (32 chiffres hexadécimaux sur les deux moteurs).
      const aleatoire = selonMoteur(db, {
        sqlite: sql`lower(hex(randomblob(16)))`,
        postgres: sql`replace(gen_random_uuid()::text, '-', '')`,
      });
      // `notifierLe` : l'effacement demandé par la personne repart dans l'export du jour (notification, RGPD art. 19) ;
      // `null` (purge de routine) garde `modifie_le` : France compétences garde sa copie sous sa propre conservation.
      await executer(
        db,
        sql`update demandes set nom = ${EFFACE}, prenom = ${EFFACE}, email = ${EFFACE}, telephone = null,
        besoins_accessibilite = null, reorientation_motif = null, empreinte_jeton = 'efface:' || ${aleatoire},
        modifie_le = coalesce(${notifierLe}, modifie_le) where id in ${parmiIds(db, ids)}`,
      );
    },

    /**
     * Les demandes (identité pas encore effacée) dont le dernier contact — demande, fin du rendez-vous, premier échange,
     * annulation, réorientation (journal d'audit), courriel — précède `limite`. Lit le journal d'audit et la boîte d'envoi
     * sans y écrire ; le journal est agrégé une fois (pas d'index sur sa cible).
     */
    async demandesSansContactDepuis(limite: string): Promise<number[]> {
      // Le plus grand de plusieurs arguments : `max(…)` sur SQLite, `greatest(…)` sur PostgreSQL.
      const plusGrand = selonMoteur(db, { sqlite: sql`max`, postgres: sql`greatest` });
      const trouvees = await lignes<{ id: number }>(
        db,
        sql`select d.id from demandes d
          left join creneaux c on c.id = d.creneau_id
          left join (select cible, max(horodatage) as h from journal_audit
            where action in ('rendez-vous.premier-echange', 'rendez-vous.reorientation') group by cible) a
            on a.cible = d.reference
          where d.email <> ${EFFACE}
            and ${plusGrand}(d.cree_le, coalesce(d.premier_echange_le, ''), coalesce(d.annulee_le, ''), coalesce(c.fin, ''), coalesce(a.h, ''),
              coalesce((select max(m.cree_le) from courriels_sortants m where m.reference = d.reference), '')) < ${limite}
          order by d.id`,
      );
      return trouvees.map((r) => Number(r.id));
    },

    /**
     * Les squelettes (identité déjà effacée) demandés avant `date` : la durée des statistiques est passée. Pas ceux dont
     * un dossier du parcours garde la référence (clé étrangère), sauf un dossier de `dossiersSupprimes` (la sous-requête
     * des dossiers que la même purge supprime avant : la simulation compte alors comme la purge réelle).
     */
    squelettesAnterieurs: (date: string, dossiersSupprimes: SQL = sql`(select cast(null as integer) where 1 = 0)`): LignesPerimees =>
      lignesPerimees(
        db,
        'demandes',
        sql`email = ${EFFACE} and date_demande < ${date}
          and not exists (select 1 from dossiers x where x.demande_id = demandes.id and x.id not in ${dossiersSupprimes})`,
      ),
  };
}

const COLONNES_CRENEAU = 'id, agenda_id as agendaId, lot, site, modalite, debut, fin, statut, cree_le as creeLe';
const COLONNES_LIBRE = 'id, lot, site, modalite, debut, fin';
const instructionsParBase = new WeakMap<BaseSqlite.Database, ReturnType<typeof preparer>>();

function preparer(client: BaseSqlite.Database) {
  return {
    creneau: client.prepare<[number], Creneau>(`select ${COLONNES_CRENEAU} from creneaux where id = ?`),
    libresUnLot: client.prepare<[number, string, number], CreneauLibre>(
      `select ${COLONNES_LIBRE} from creneaux where statut = 'libre' and lot = ? and debut > ? order by debut, id limit ?`,
    ),
    libresUnLotModalite: client.prepare<[number, string, string, number], CreneauLibre>(
      `select ${COLONNES_LIBRE} from creneaux where statut = 'libre' and lot = ? and modalite = ? and debut > ? order by debut, id limit ?`,
    ),
    reserver: client.prepare<{ id: number; apres: string; lot: number | null; modalite: string | null }, Creneau>(
      `update creneaux set statut = 'reserve'
       where id = @id and statut = 'libre' and debut > @apres and (@lot is null or lot = @lot) and (@modalite is null or modalite = @modalite)
       returning ${COLONNES_CRENEAU}`,
    ),
    prochainNumero: client
      .prepare<[string]>(
        'insert into compteurs_dossiers (prefixe, valeur) values (?, 1) on conflict (prefixe) do update set valeur = valeur + 1 returning valeur',
      )
      .pluck(),
    insererDemande: client.prepare(
      `insert into demandes (reference, cree_le, date_demande, echeance, lot, commune, nom, prenom, email, telephone, situation, motif, modalite,
         creneau_id, rappel, besoins_accessibilite, origine, consentement_le, empreinte_jeton, modifie_le,
         mode_contact, cree_par_compte_id, empreinte_code, lien_visio, metier, code_rome)
       values (@reference, @creeLe, @dateDemande, @echeance, @lot, @commune, @nom, @prenom, @email, @telephone, @situation, @motif, @modalite,
         @creneauId, @rappel, @besoinsAccessibilite, @origine, @consentementLe, @empreinteJeton, @creeLe,
         @modeContact, @creeParCompteId, @empreinteCode, @lienVisio, @metier, @codeRome)`,
    ),
  };
}

/** Les créneaux libres cherchés : des lots, une modalité peut-être, après un instant, tant au plus. */
export interface FiltreLibres {
  lots: readonly number[];
  modalite?: Modalite;
  apres: string;
  limite: number;
}

/** Les champs d'une demande que le portail en ligne laisse à leur valeur par défaut (saisie par un conseiller, ajouts). */
type ChampsAccueil = 'modeContact' | 'creeParCompteId' | 'empreinteCode' | 'lienVisio' | 'metier' | 'codeRome';

/**
 * Les requêtes du chemin chaud (réserver, numéroter, enregistrer, lister les créneaux libres), préparées une fois par
 * connexion : construire et préparer la requête à chaque appel coûtait plus que SQLite lui-même (mesuré, bench/rendez-vous.ts).
 * À appeler dans une transaction de `client` quand on écrit.
 */
export function depotRapide(client: BaseSqlite.Database) {
  let i = instructionsParBase.get(client);
  if (!i) instructionsParBase.set(client, (i = preparer(client)));
  const instructions = i;
  return {
    creneau: (id: number) => instructions.creneau.get(id),
    creneauxLibres(filtre: FiltreLibres): CreneauLibre[] {
      const parLot = filtre.lots.map((lot) =>
        filtre.modalite
          ? instructions.libresUnLotModalite.all(lot, filtre.modalite, filtre.apres, filtre.limite)
          : instructions.libresUnLot.all(lot, filtre.apres, filtre.limite),
      );
      if (parLot.length === 1) return parLot[0]!;
      return parLot
        .flat()
        .sort((a, b) => a.debut.localeCompare(b.debut) || a.id - b.id)
        .slice(0, filtre.limite);
    },
    /**
     * Réserve un créneau libre et à venir (du lot et de la modalité demandés, s'ils sont donnés) en une seule écriture
     * conditionnelle : le créneau réservé, ou `undefined` s'il n'existe pas, ne convient pas ou n'est plus libre.
     */
    reserverCreneau(id: number, maintenant: string, exigences: { lot?: number; modalite?: Modalite } = {}): Creneau | undefined {
      const reserve = instructions.reserver.get({
        id,
        apres: maintenant,
        lot: exigences.lot ?? null,
        modalite: exigences.modalite ?? null,
      });
      if (reserve) creneauxModifies();
      return reserve;
    },
    prochainNumero: (prefixe: string) => instructions.prochainNumero.get(prefixe) as number,
    /** Insère une demande et la rend telle qu'elle est en base (valeurs par défaut comprises). */
    insererDemande(v: DemandeAInserer): Demande {
      const complete = completer(v);
      const { lastInsertRowid } = instructions.insererDemande.run({ ...complete, rappel: v.rappel ? 1 : 0 });
      return telleQuInseree(complete, Number(lastInsertRowid));
    },
  };
}

/** Ce que le chemin de la demande fournit pour enregistrer une demande (le reste prend sa valeur par défaut). */
export type DemandeAInserer = Omit<
  Demande,
  | 'id'
  | 'statut'
  | 'premierEchangeLe'
  | 'premierEchangeCanal'
  | 'premierEchangeCompteId'
  | 'reorienteeVers'
  | 'reorientationMotif'
  | 'annuleeLe'
  | 'version'
  | 'modifieLe'
  | ChampsAccueil
> &
  Partial<Pick<Demande, ChampsAccueil>>;

const completer = (v: DemandeAInserer) => ({
  ...v,
  modeContact: v.modeContact ?? 'en-ligne',
  creeParCompteId: v.creeParCompteId ?? null,
  empreinteCode: v.empreinteCode ?? null,
  lienVisio: v.lienVisio ?? null,
  metier: v.metier ?? null,
  codeRome: v.codeRome ?? null,
});

const telleQuInseree = (complete: ReturnType<typeof completer>, id: number): Demande => ({
  ...complete,
  id,
  statut: 'ouverte',
  premierEchangeLe: null,
  premierEchangeCanal: null,
  premierEchangeCompteId: null,
  reorienteeVers: null,
  reorientationMotif: null,
  annuleeLe: null,
  version: 0,
  modifieLe: complete.creeLe,
});

/** Les exigences d'une réservation : le lot et la modalité du créneau, s'ils sont donnés. */
interface Exigences {
  lot?: number;
  modalite?: Modalite;
}

/**
 * Le chemin chaud de la demande (réserver, numéroter, enregistrer, lire et lister les créneaux), sur les deux moteurs.
 * Sur SQLite : les instructions préparées une fois par connexion de `depotRapide` (construire la requête Drizzle à chaque
 * réservation coûtait plus que SQLite lui-même). Sur PostgreSQL : le constructeur de Drizzle, une requête par étape, sur
 * la transaction reçue (une connexion du pool) ; l'`UPDATE … WHERE statut = 'libre' RETURNING` conditionnel ne réserve
 * qu'une fois un créneau que plusieurs connexions demandent ensemble (la seconde attend le verrou de la ligne, relit la
 * condition et ne touche rien).
 */
export function depotReservation(db: Executeur) {
  if (moteurDe(db) === 'sqlite') {
    // eslint-disable-next-line no-restricted-syntax -- instructions préparées de SQLite (chemin chaud mesuré) ; l'équivalent Drizzle est la branche PostgreSQL ci-dessous
    const rapide = depotRapide((db as BaseDeDonnees).$client);
    return {
      creneau: (id: number): Promise<Creneau | undefined> => Promise.resolve(rapide.creneau(id)),
      creneauxLibres: (filtre: FiltreLibres): Promise<CreneauLibre[]> => Promise.resolve(rapide.creneauxLibres(filtre)),
      reserverCreneau: (id: number, maintenant: string, exigences: Exigences = {}): Promise<Creneau | undefined> =>
        Promise.resolve(rapide.reserverCreneau(id, maintenant, exigences)),
      prochainNumero: (prefixe: string): Promise<number> => Promise.resolve(rapide.prochainNumero(prefixe)),
      insererDemande: (v: DemandeAInserer): Promise<Demande> => Promise.resolve(rapide.insererDemande(v)),
    };
  }
  const { creneaux, demandes } = tables(db);
  const depot = depotRendezVous(db);
  return {
    creneau: (id: number) => depot.creneau(id),
    creneauxLibres: async (filtre: FiltreLibres): Promise<CreneauLibre[]> =>
      db
        .select({ id: creneaux.id, lot: creneaux.lot, site: creneaux.site, modalite: creneaux.modalite, debut: creneaux.debut, fin: creneaux.fin })
        .from(creneaux)
        .where(
          and(
            eq(creneaux.statut, 'libre'),
            inArray(creneaux.lot, [...filtre.lots]),
            filtre.modalite ? eq(creneaux.modalite, filtre.modalite) : undefined,
            gt(creneaux.debut, filtre.apres),
          ),
        )
        .orderBy(asc(creneaux.debut), asc(creneaux.id))
        .limit(filtre.limite),
    async reserverCreneau(id: number, maintenant: string, exigences: Exigences = {}): Promise<Creneau | undefined> {
      const [reserve] = await db
        .update(creneaux)
        .set({ statut: 'reserve' })
        .where(
          and(
            eq(creneaux.id, id),
            eq(creneaux.statut, 'libre'),
            gt(creneaux.debut, maintenant),
            exigences.lot === undefined ? undefined : eq(creneaux.lot, exigences.lot),
            exigences.modalite === undefined ? undefined : eq(creneaux.modalite, exigences.modalite),
          ),
        )
        .returning();
      if (reserve) creneauxModifies();
      return reserve;
    },
    /**
     * Le compteur suivant d'un préfixe, pris dans le bloc de numéros de l'instance (`numeroDuBloc`) : deux instances
     * n'obtiennent jamais le même numéro. Hors de la transaction reçue, sur les connexions des compteurs : la ligne du
     * compteur n'est verrouillée que le temps de réserver un bloc, pas jusqu'à la validation de la demande. Une demande
     * annulée ensuite laisse un trou (docs/decisions/2026-12-06-numeros-hors-transaction.md).
     */
    prochainNumero: (prefixe: string): Promise<number> => numeroDuBloc(db, prefixe),
    async insererDemande(v: DemandeAInserer): Promise<Demande> {
      const complete = completer(v);
      const [inseree] = await db
        .insert(demandes)
        .values({ ...complete, modifieLe: complete.creeLe })
        .returning({ id: demandes.id });
      return telleQuInseree(complete, inseree!.id);
    },
  };
}

/** Une demande avec créneau à enregistrer d'un coup sur PostgreSQL (`reserverEtEnregistrerPostgres`). */
export interface ReservationComplete {
  /** L'instant de la demande : le créneau doit commencer après. */
  maintenant: string;
  /** La demande ; son créneau (`creneauId`) n'est réservé que libre, à venir, de son lot et de sa modalité. */
  demande: DemandeAInserer & { creneauId: number };
  /**
   * Les courriels à mettre en file avec elle, sauf pour une demande sans courriel : la confirmation (`ligneDeLaBoite`),
   * et la catégorie du rappel, qui part `avanceRappelMs` avant le début du créneau réservé s'il est encore à venir.
   */
  courriels?: { confirmation: LigneDeLaBoite; categorieRappel: string; avanceRappelMs: number };
}

/** Réserver le créneau et insérer la demande ; paramètres `$1` à `$26` (voir `valeursDeLaReservation`). */
const RESERVER_ET_ENREGISTRER = `with c as (
    update creneaux set statut = 'reserve'
    where id = $1::integer and statut = 'libre' and debut > $2::text and lot = $3::integer and modalite = $4::text
    returning id, agenda_id, lot, site, modalite, debut, fin, statut, cree_le
  ), d as (
    insert into demandes (reference, cree_le, date_demande, echeance, lot, commune, nom, prenom, email, telephone, situation, motif,
      modalite, creneau_id, rappel, besoins_accessibilite, origine, consentement_le, empreinte_jeton, modifie_le, mode_contact,
      cree_par_compte_id, empreinte_code, lien_visio, metier, code_rome)
    select $5::text, $6::text, $7::text, $8::text, $3::integer, $9::text, $10::text, $11::text, $12::text, $13::text, $14::text,
      $15::text, $4::text, c.id, $16::boolean, $17::text, $18::text, $19::text, $20::text, $6::text, $21::text, $22::integer,
      $23::text, $24::text, $25::text, $26::text
    from c
    returning id
  )`;

/**
 * Mettre en file la confirmation et, s'il est encore à venir, le rappel, paramètres `$27` à `$38` : la même règle que
 * `confirmationsAMettreEnFile` (server/rendez-vous/courriels.ts), l'instant du rappel calculé d'après le début réservé.
 */
const METTRE_EN_FILE = `, r as (
    select to_char((c.debut::timestamptz - $38::bigint * interval '1 millisecond') at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as envoi
    from c
  ), m as (
    insert into courriels_sortants (categorie, reference, destinataire, sujet, texte, html, pieces_jointes, donnees, envoyer_apres, cree_le)
    select v.categorie, $28::text, $29::text, $30::text, $31::text, $32::text, $33::text, $34::text, v.envoi,
      coalesce($36::text, to_char(statement_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
    from d, r, lateral (values ($27::text, $35::text, true), ($37::text, r.envoi, r.envoi::timestamptz > $2::timestamptz)) as v(categorie, envoi, garder)
    where v.garder
  )`;

const RENDRE = `
  select c.id, c.agenda_id as "agendaId", c.lot, c.site, c.modalite, c.debut, c.fin, c.statut, c.cree_le as "creeLe", d.id as "demandeId"
  from c, d`;

const INSTRUCTIONS_RESERVATION: Readonly<Record<'avecCourriels' | 'sansCourriel', InstructionNommee>> = {
  avecCourriels: { nom: 'reserver-enregistrer-mettre-en-file', texte: RESERVER_ET_ENREGISTRER + METTRE_EN_FILE + RENDRE },
  sansCourriel: { nom: 'reserver-enregistrer', texte: RESERVER_ET_ENREGISTRER + RENDRE },
};

/** Les paramètres de `RESERVER_ET_ENREGISTRER` et `METTRE_EN_FILE`, dans l'ordre de leurs numéros. */
function valeursDeLaReservation(r: ReservationComplete, d: ReturnType<typeof completer>): unknown[] {
  const valeurs: unknown[] = [
    // $1 à $4 : le créneau demandé et ce qu'il doit être ; $5 à $26 : la demande.
    r.demande.creneauId,
    r.maintenant,
    d.lot,
    d.modalite,
    d.reference,
    d.creeLe,
    d.dateDemande,
    d.echeance,
    d.commune,
    d.nom,
    d.prenom,
    d.email,
    d.telephone,
    d.situation,
    d.motif,
    d.rappel,
    d.besoinsAccessibilite,
    d.origine,
    d.consentementLe,
    d.empreinteJeton,
    d.modeContact,
    d.creeParCompteId,
    d.empreinteCode,
    d.lienVisio,
    d.metier,
    d.codeRome,
  ];
  if (!r.courriels) return valeurs;
  const { confirmation: m, categorieRappel, avanceRappelMs } = r.courriels;
  return [
    ...valeurs,
    // $27 à $36 : la confirmation ; $37, $38 : le rappel.
    m.categorie,
    m.reference,
    m.destinataire,
    m.sujet,
    m.texte,
    m.html,
    m.piecesJointes,
    m.donnees,
    m.envoyerApres,
    m.creeLe,
    categorieRappel,
    avanceRappelMs,
  ];
}

/**
 * Sur PostgreSQL, la demande avec créneau en une seule instruction préparée, validée seule : réserver le créneau (la
 * même écriture conditionnelle que `reserverCreneau` : libre, à venir, du lot et de la modalité de la demande), insérer
 * la demande et mettre ses courriels en file, tout ou rien. Un aller-retour avec le serveur au lieu de six (BEGIN,
 * réservation, demande, courriels, COMMIT), et aucune lecture du créneau avant : le rappel prend son heure d'envoi du
 * début réservé. Sur le chemin le plus fréquenté, chaque aller-retour coûte plus que la requête elle-même
 * (docs/decisions/2026-12-06-numeros-hors-transaction.md).
 * @returns le créneau réservé et la demande telle qu'en base, ou `undefined` si le créneau n'est plus libre, est passé,
 * ou n'est pas du lot ou de la modalité de la demande (rien n'est écrit).
 */
export async function reserverEtEnregistrerPostgres(
  db: Executeur,
  r: ReservationComplete,
): Promise<{ creneau: Creneau; demande: Demande } | undefined> {
  const d = completer(r.demande);
  const instruction = INSTRUCTIONS_RESERVATION[r.courriels ? 'avecCourriels' : 'sansCourriel'];
  const [ligne] = await lignesPreparees<Creneau & { demandeId: number }>(db, instruction, valeursDeLaReservation(r, d));
  if (!ligne) return undefined;
  creneauxModifies();
  const { demandeId, ...creneau } = ligne;
  return { creneau, demande: telleQuInseree(d, demandeId) };
}
