import type BaseSqlite from 'better-sqlite3';
import type { DateCivile } from '../calendrier/dates.ts';
import { compteurDeJoursOuvres } from '../calendrier/jours-ouvres.ts';
import { ajouterJours, joursEntre } from '../calendrier/dates.ts';
import type { TerritoireCalendrier } from '../calendrier/territoire.ts';
import type { Dependances } from '../dependances.ts';
import { dateLocale, fuseauDuTerritoire } from '../calendrier/fuseaux.ts';
import { depotParcours, depotRapideParcours } from './repository.ts';
import type { Unite } from './schema.ts';

/** Une UO est « à risque » quand il lui reste 10 jours ouvrés ou moins (issue 17). */
export const SEUIL_UO_A_RISQUE = 10;
/** 10 jours ouvrés tiennent toujours dans 21 jours calendaires (deux semaines, trois jours fériés au plus). */
const FENETRE_JOURS_CIVILS = 21;

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

/** La file : combien d'UO en retard et à risque, et les plus pressantes d'abord (au plus `limite`). */
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

/**
 * La file des conseillers : les UO ouvertes en retard (échéance passée) ou à risque (10 jours ouvrés ou moins, jours
 * fériés du territoire de la commune de la personne), de la plus pressante à la moins ; celles d'un référent si on le
 * donne. Tout se compte dans l'index des UO ouvertes ; l'identité n'est lue que pour les `limite` premières lignes.
 */
export function fileDesUo(
  deps: Pick<Dependances, 'db' | 'deploiement' | 'maintenant'>,
  filtre: { referentId?: number; limite?: number } = {},
): FileDesUo {
  const aujourdHuiSur = joursDesTerritoires(deps.maintenant());
  const jusquA = ajouterJours(deps.maintenant().toISOString().slice(0, 10), FENETRE_JOURS_CIVILS + 1);
  // Beaucoup d'UO partagent une échéance : le délai se calcule une fois par territoire et par échéance, avec un compteur
  // de jours ouvrés par territoire (chaque jour de la fenêtre examiné une fois).
  const delais = new Map<string, Pick<LigneFileUo, 'etat' | 'joursOuvresRestants' | 'joursDeRetard'> | null>();
  const compteurs = new Map<string, { veille: DateCivile; compter: (du: DateCivile, au: DateCivile) => number }>();
  const delai = (territoire: string, echeance: DateCivile) => {
    const cle = `${territoire}|${echeance}`;
    let d = delais.get(cle);
    if (d !== undefined) return d;
    const aujourdHui = aujourdHuiSur(territoire);
    if (echeance < aujourdHui) d = { etat: 'en-retard', joursDeRetard: joursEntre(echeance, aujourdHui) };
    else {
      let c = compteurs.get(territoire);
      if (!c) {
        const veille = ajouterJours(aujourdHui, -1);
        compteurs.set(territoire, (c = { veille, compter: compteurDeJoursOuvres(veille, territoire as TerritoireCalendrier) }));
      }
      // L'échéance est le dernier jour du délai : elle compte parmi les jours restants si elle est ouvrée.
      const joursOuvresRestants = c.compter(c.veille, echeance);
      d = joursOuvresRestants <= SEUIL_UO_A_RISQUE ? { etat: 'a-risque', joursOuvresRestants } : null;
    }
    delais.set(cle, d);
    return d;
  };
  const rapide = depotRapideParcours(deps.db.$client);
  const limite = filtre.limite ?? 100;
  const file: FileDesUo = { enRetard: 0, aRisque: 0, lignes: [] };
  for (const u of rapide.uosOuvertesJusquA(jusquA, deps.deploiement.lots, filtre.referentId)) {
    const d = delai(u.territoire, u.echeance);
    if (!d) continue;
    if (d.etat === 'en-retard') file.enRetard += 1;
    else file.aRisque += 1;
    if (file.lignes.length >= limite) continue;
    const identite = rapide.identite(u.dossierId) ?? { identifiant: '', nom: '', prenom: '' };
    file.lignes.push({
      uoId: u.uoId,
      uo: u.uo,
      numero: u.numero,
      dossierId: u.dossierId,
      echeance: u.echeance,
      referentId: u.referentId,
      ...identite,
      ...d,
    });
  }
  return file;
}

/** Ce qu'a fait le travail quotidien des abandons. */
export interface BilanAbandons {
  /** Numéros des UO closes pour abandon. */
  closes: string[];
}

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

/**
 * Le travail quotidien : clôt pour abandon chaque UO ouverte dont l'échéance est passée (dans le fuseau de la personne),
 * si la personne n'a pas sollicité le conseil depuis l'échéance (une UO close par signature ne l'est plus : elle n'est
 * pas candidate). La clôture est datée du dernier jour du délai et tracée au journal d'audit (acteur `systeme`).
 * Idempotent : relancé le même jour, il ne trouve plus rien.
 */
export function abandonnerUoEchues(deps: Pick<Dependances, 'db' | 'referentiel' | 'maintenant' | 'journal'>): BilanAbandons {
  const aujourdHuiSur = joursDesTerritoires(deps.maintenant());
  // Le jour le plus avancé du monde servi est au plus le lendemain du jour UTC (La Réunion, Mayotte).
  const avant = ajouterJours(deps.maintenant().toISOString().slice(0, 10), 1);
  const echues = depotParcours(deps.db)
    .candidatesAbandon(avant)
    .filter((u) => u.echeance < aujourdHuiSur(u.territoire));
  const instant = deps.maintenant().toISOString();
  const { clore, auditer } = preparer(deps.db.$client);
  const closes: string[] = [];
  // Une transaction par lot de 2 000 : les autres écritures passent entre deux lots.
  for (let i = 0; i < echues.length; i += 2000) {
    deps.db.$client
      .transaction(() => {
        for (const u of echues.slice(i, i + 2000)) {
          if (clore.run({ id: u.id, instant }).changes !== 1) continue;
          auditer.run({ instant, numero: u.numero, details: JSON.stringify({ uo: u.uo, motif: 'abandon', date: u.echeance }) });
          closes.push(u.numero);
        }
      })
      .immediate();
  }
  deps.journal.info('parcours.abandons', { closes: closes.length });
  return { closes };
}
