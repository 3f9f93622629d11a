import type BaseSqlite from 'better-sqlite3';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executeur } from '../../db/client.ts';
import { moteurDe, tables } from '../../db/moteur.ts';
import { enTransaction } from '../../db/transaction.ts';
import type { DateCivile } from '../calendrier/dates.ts';
import { calculerEcheance, compterJoursOuvres } from '../calendrier/jours-ouvres.ts';
import { ajouterJours, dateUtc, joursEntre } from '../calendrier/dates.ts';
import { TERRITOIRES_CALENDRIER, type TerritoireCalendrier } from '../calendrier/territoire.ts';
import type { Dependances } from '../dependances.ts';
import { dateLocale, fuseauDuTerritoire } from '../calendrier/fuseaux.ts';
import { depotFileParcours, depotParcours, type BornesDeLaFile } from './repository.ts';
import type { Unite } from './schema.ts';

/** Une UO est « à risque » quand il lui reste 10 jours ouvrés ou moins (issue 17). */
export const SEUIL_UO_A_RISQUE = 10;

/** Une ligne de la file des conseillers : une UO en retard ou à risque. */
export interface LigneFileUo {
  uoId: number;
  uo: Unite;
  numero: string;
  dossierId: number;
  identifiant: string;
  nom: string;
  prenom: string;
  echeance: DateCivile;
  referentId: number | null;
  etat: 'en-retard' | 'a-risque';
  /** Jours ouvrés restants jusqu'à l'échéance incluse (UO à risque). */
  joursOuvresRestants?: number;
  /** Jours calendaires depuis l'échéance (UO en retard : l'abandon automatique passera). */
  joursDeRetard?: number;
}

/** La file : combien d'UO en retard et à risque, et une page des plus pressantes d'abord. */
export interface FileDesUo {
  enRetard: number;
  aRisque: number;
  lignes: LigneFileUo[];
}

/** La date du jour dans le fuseau d'un territoire, une fois par territoire pour un même instant. */
function joursDesTerritoires(maintenant: Date) {
  const parTerritoire = new Map<string, DateCivile>();
  return (territoire: string) => {
    let j = parTerritoire.get(territoire);
    if (!j) parTerritoire.set(territoire, (j = dateLocale(maintenant, fuseauDuTerritoire(territoire as TerritoireCalendrier))));
    return j;
  };
}

/** La dernière échéance encore « à risque », par territoire et par jour : un calcul de jours fériés, gardé le jour venu. */
const limitesDuJour = new Map<string, DateCivile>();

/**
 * La dernière échéance encore dans la file d'un territoire, vue le jour `aujourdHui` : les jours ouvrés restants se
 * comptent de la veille exclue à l'échéance incluse ; le 11ᵉ jour ouvré après la veille est le premier jour de trop.
 */
function derniereEcheanceARisque(aujourdHui: DateCivile, territoire: TerritoireCalendrier): DateCivile {
  const cle = `${territoire}|${aujourdHui}`;
  let limite = limitesDuJour.get(cle);
  if (!limite) {
    if (limitesDuJour.size > 200) limitesDuJour.clear();
    limite = ajouterJours(calculerEcheance(ajouterJours(aujourdHui, -1), SEUIL_UO_A_RISQUE + 1, territoire), -1);
    limitesDuJour.set(cle, limite);
  }
  return limite;
}

/** Pour chaque territoire, le jour d'aujourd'hui dans son fuseau et la dernière échéance de la file. */
function bornesDeLaFile(maintenant: Date): BornesDeLaFile {
  const jour = joursDesTerritoires(maintenant);
  return Object.fromEntries(
    TERRITOIRES_CALENDRIER.map((t) => [t, { aujourdHui: jour(t), limite: derniereEcheanceARisque(jour(t), t) }]),
  ) as BornesDeLaFile;
}

/** Nombre de lignes d'une page de la file par défaut. */
export const LIGNES_PAR_PAGE_FILE = 25;

/**
 * La file des conseillers : les UO ouvertes en retard (échéance passée) ou à risque (10 jours ouvrés ou moins, jours
 * fériés du territoire de la commune de la personne), de la plus pressante à la moins ; celles d'un référent si on le
 * donne. Le compte se fait en SQL dans l'index des UO ouvertes (une limite d'échéance par territoire) ; seule la page
 * demandée (`limite` lignes à partir de `decalage`) est lue avec l'identité des dossiers.
 */
export async function fileDesUo(
  deps: Pick<Dependances, 'db' | 'deploiement' | 'maintenant'>,
  filtre: { referentId?: number; limite?: number; decalage?: number } = {},
): Promise<FileDesUo> {
  const bornes = bornesDeLaFile(deps.maintenant());
  const file = depotFileParcours(deps.db);
  const { lots } = deps.deploiement;
  const { enRetard, aRisque } = await file.compterFile(bornes, lots, filtre.referentId);
  const page = { limite: filtre.limite ?? LIGNES_PAR_PAGE_FILE, decalage: filtre.decalage ?? 0, referentId: filtre.referentId };
  const lignes = (await file.pageDeLaFile(bornes, lots, page)).map(({ territoire, ...u }): LigneFileUo => {
    const { aujourdHui } = bornes[territoire];
    return u.echeance < aujourdHui
      ? { ...u, etat: 'en-retard', joursDeRetard: joursEntre(u.echeance, aujourdHui) }
      : { ...u, etat: 'a-risque', joursOuvresRestants: compterJoursOuvres(ajouterJours(aujourdHui, -1), u.echeance, territoire) };
  });
  return { enRetard, aRisque, lignes };
}

/** Ce qu'a fait le travail quotidien des abandons. */
export interface BilanAbandons {
  /** Numéros des UO closes pour abandon. */
  closes: string[];
}

/** Une UO échue à clore pour abandon. */
type Echue = Awaited<ReturnType<ReturnType<typeof depotParcours>['candidatesAbandon']>>[number];

const instructions = new WeakMap<BaseSqlite.Database, { clore: BaseSqlite.Statement; auditer: BaseSqlite.Statement }>();
function preparer(client: BaseSqlite.Database) {
  let i = instructions.get(client);
  if (!i) {
    i = {
      clore: client.prepare(
        `update unites_oeuvre set statut = 'close', date_cloture = echeance, motif_cloture = 'abandon', modifie_le = @instant
         where id = @id and statut = 'ouverte'`,
      ),
      auditer: client.prepare(
        `insert into journal_audit (horodatage, acteur, action, cible, details) values (@instant, 'systeme', 'parcours.cloture', @numero, @details)`,
      ),
    };
    instructions.set(client, i);
  }
  return i;
}

const detailsAbandon = (u: Echue) => JSON.stringify({ uo: u.uo, motif: 'abandon', date: u.echeance });

/**
 * Clôt un lot d'UO échues dans la transaction `tx` et trace chaque clôture ; rend les numéros des UO closes (une UO
 * close entre-temps, par signature ou par une autre instance, est passée). Sur SQLite, deux instructions préparées par
 * UO (bench/parcours.ts) ; ailleurs, une mise à jour conditionnelle du lot (`returning`) et une insertion groupée.
 */
async function cloreLot(tx: Executeur, lot: readonly Echue[], instant: string): Promise<string[]> {
  const closes: string[] = [];
  if (moteurDe(tx) === 'sqlite') {
    // eslint-disable-next-line no-restricted-syntax -- chemin rapide propre à SQLite ; l'équivalent Drizzle suit
    const { clore, auditer } = preparer((tx as { $client: BaseSqlite.Database }).$client);
    for (const u of lot) {
      if (clore.run({ id: u.id, instant }).changes !== 1) continue;
      auditer.run({ instant, numero: u.numero, details: detailsAbandon(u) });
      closes.push(u.numero);
    }
    return closes;
  }
  const { journalAudit, unitesOeuvre } = tables(tx);
  const closesIci = await tx
    .update(unitesOeuvre)
    .set({ statut: 'close', dateCloture: sql`${unitesOeuvre.echeance}`, motifCloture: 'abandon', modifieLe: instant })
    .where(
      and(
        inArray(
          unitesOeuvre.id,
          lot.map((u) => u.id),
        ),
        eq(unitesOeuvre.statut, 'ouverte'),
      ),
    )
    .returning({ id: unitesOeuvre.id });
  const ids = new Set(closesIci.map((c) => c.id));
  const echues = lot.filter((u) => ids.has(u.id));
  if (echues.length === 0) return closes;
  await tx
    .insert(journalAudit)
    .values(
      echues.map((u) => ({
        horodatage: instant,
        acteur: 'systeme',
        action: 'parcours.cloture',
        cible: u.numero,
        details: detailsAbandon(u),
      })),
    );
  return echues.map((u) => u.numero);
}

/**
 * Le travail quotidien : clôt pour abandon chaque UO ouverte dont l'échéance est passée (dans le fuseau de la personne),
 * si la personne n'a pas sollicité le conseil depuis l'échéance (une UO close par signature ne l'est plus : elle n'est
 * pas candidate). La clôture est datée du dernier jour du délai et tracée au journal d'audit (acteur `systeme`).
 * Idempotent : relancé le même jour, il ne trouve plus rien.
 */
export async function abandonnerUoEchues(deps: Pick<Dependances, 'db' | 'referentiel' | 'maintenant' | 'journal'>): Promise<BilanAbandons> {
  const aujourdHuiSur = joursDesTerritoires(deps.maintenant());
  // Le jour le plus avancé du monde servi est au plus le lendemain du jour UTC (La Réunion, Mayotte).
  const avant = ajouterJours(dateUtc(deps.maintenant()), 1);
  const echues = (await depotParcours(deps.db).candidatesAbandon(avant)).filter((u) => u.echeance < aujourdHuiSur(u.territoire));
  const instant = deps.maintenant().toISOString();
  const closes: string[] = [];
  // Une transaction par lot de 2 000 : les autres écritures passent entre deux lots.
  for (let i = 0; i < echues.length; i += 2000) {
    const lot = echues.slice(i, i + 2000);
    closes.push(...(await enTransaction(deps.db, (tx) => cloreLot(tx, lot, instant))));
  }
  deps.journal.info('parcours.abandons', { closes: closes.length });
  return { closes };
}
