import { enTransaction } from '../../db/transaction.ts';
import { stringify } from 'csv-stringify/sync';
import { dernierJourDuMois, type DateCivile } from '../calendrier/dates.ts';
import { acteurCompte, journaliserAction } from '../conseiller/audit.ts';
import type { Dependances } from '../dependances.ts';
import { dateLongue } from '../calendrier/formats.ts';
import { dateAParis } from '../calendrier/fuseaux.ts';
import { numeroLisible } from '../rendez-vous/numero-dossier.ts';
import { echec } from './erreurs.ts';
import { pdfBalise } from '../pdf/balise.ts';
import { depotParcours } from './repository.ts';
import { CODE_ANNEXE, LIBELLES_MOTIF_CLOTURE } from './schema.ts';

/** Le premier et le dernier jour d'un trimestre `AAAA-Tn`, ou `undefined` s'il est mal écrit. */
export function bornesTrimestre(trimestre: string): { du: string; au: string } | undefined {
  const m = /^(\d{4})-T([1-4])$/.exec(trimestre);
  if (!m) return undefined;
  const annee = Number(m[1]);
  const dernierMois = Number(m[2]) * 3;
  const mm = (n: number) => String(n).padStart(2, '0');
  return { du: `${m[1]}-${mm(dernierMois - 2)}-01`, au: dernierJourDuMois(annee, dernierMois) };
}

/** Le dernier trimestre terminé à une date civile. @example dernierTrimestreClos('2026-12-06') // '2026-T3' */
export function dernierTrimestreClos(jour: DateCivile): string {
  const annee = Number(jour.slice(0, 4));
  const clos = Math.floor((Number(jour.slice(5, 7)) - 1) / 3);
  return clos === 0 ? `${annee - 1}-T4` : `${annee}-T${clos}`;
}

/** Le numéro d'un décompte : la référence du bon de commande et le trimestre. @example '2026-Lot01-UO2.1-02-2026T4' */
export const numeroDecompte = (reference: string, trimestre: string) => `${reference}-${trimestre.replace('-', '')}`;

/** Un décompte tel qu'il est enregistré (`decomptes`). */
type Decompte = NonNullable<Awaited<ReturnType<ReturnType<typeof depotParcours>['decompte']>>>;
type UoComptee = Awaited<ReturnType<ReturnType<typeof depotParcours>['uosDuDecompte']>>[number];

/**
 * Le décompte trimestriel de consommation d'un bon de commande (seed 002 §2.1.1 à §2.1.3) : les UO de ce bon closes dans
 * le trimestre, en CSV (UTF-8, `;`) et en PDF balisé. Son numéro est porté sur chaque UO comptée (annexe 2, « numéro de
 * décompte de consommation ») ; le produire à nouveau redonne le même numéro et recompte. Sans UO close dans le
 * trimestre, rien n'est écrit (`DECOMPTE_VIDE`).
 */
export async function produireDecompte(
  deps: Pick<Dependances, 'db' | 'deploiement' | 'maintenant'>,
  acteur: { id: number },
  reference: string,
  trimestre: string,
) {
  const bon = deps.deploiement.bonsDeCommande.find((b) => b.reference === reference);
  if (!bon) return echec('BON_COMMANDE_INCONNU');
  const bornes = bornesTrimestre(trimestre);
  if (!bornes) return echec('TRIMESTRE_INVALIDE');
  const numero = numeroDecompte(reference, trimestre);
  const instant = deps.maintenant().toISOString();
  const uos = await depotParcours(deps.db).uosCloses(reference, bornes.du, bornes.au);
  if (uos.length === 0) return echec('DECOMPTE_VIDE');
  const decompte = { numero, referenceBonCommande: reference, trimestre, nombre: uos.length, produitLe: instant };
  await enTransaction(deps.db, async (tx) => {
    const d = depotParcours(tx);
    await d.tamponnerDecompte(
      uos.map((u) => u.id),
      numero,
      instant,
    );
    await d.insererDecompte(decompte);
    await journaliserAction(tx, {
      acteur: acteurCompte(acteur.id),
      action: 'parcours.decompte',
      cible: numero,
      details: { nombre: uos.length },
      horodatage: instant,
    });
  });
  return { ok: true as const, ...composerDecompte(deps, decompte, uos) };
}

/**
 * Un décompte déjà produit, tel qu'il a été établi : les UO qui portent son numéro, la date de sa production. Pour le
 * télécharger à nouveau sans rien recompter ni réécrire.
 */
export async function relireDecompte(deps: Pick<Dependances, 'db' | 'deploiement'>, numero: string) {
  const depot = depotParcours(deps.db);
  const decompte = await depot.decompte(numero);
  if (!decompte) return echec('DECOMPTE_INCONNU');
  return { ok: true as const, ...composerDecompte(deps, decompte, await depot.uosDuDecompte(numero)) };
}

/** Le CSV et le PDF d'un décompte. */
function composerDecompte(deps: Pick<Dependances, 'deploiement'>, decompte: Decompte, uos: UoComptee[]) {
  const { numero, referenceBonCommande: reference, produitLe } = decompte;
  const quantite = deps.deploiement.bonsDeCommande.find((b) => b.reference === reference)?.quantite;
  const bornes = bornesTrimestre(decompte.trimestre)!;
  const lignes = uos.map((u) => ({
    numeroDecompte: numero,
    referenceBonCommande: u.referenceBonCommande!,
    numeroDossier: u.numero,
    uo: CODE_ANNEXE[u.uo],
    dateEngagement: u.dateEngagement,
    dateCloture: u.dateCloture!,
    motifCloture: u.motifCloture!,
  }));
  const csv = stringify(lignes, {
    header: true,
    delimiter: ';',
    columns: ['numeroDecompte', 'referenceBonCommande', 'numeroDossier', 'uo', 'dateEngagement', 'dateCloture', 'motifCloture'],
  });
  const { bloc, liste, terminer } = pdfBalise({
    Title: `Décompte de consommation ${numero}`,
    Author: deps.deploiement.editeur.nom,
    CreationDate: new Date(produitLe),
  });
  bloc('P', deps.deploiement.editeur.nom, { taille: 9, espace: 1 });
  bloc('H1', `Décompte de consommation ${numero}`);
  bloc(
    'P',
    [
      `Bon de commande : ${reference}${quantite ? ` (${quantite} UO commandées)` : ''}`,
      `Trimestre : du ${dateLongue(bornes.du)} au ${dateLongue(bornes.au)}`,
      `UO closes dans le trimestre : ${uos.length}`,
      `Établi le ${dateLongue(dateAParis(new Date(produitLe)))}.`,
    ].join('\n'),
  );
  bloc('H2', 'UO comptées');
  liste(
    lignes.map(
      (l) =>
        `${l.referenceBonCommande} · dossier ${numeroLisible(l.numeroDossier)} · engagée le ${l.dateEngagement}, close le ${l.dateCloture} (${LIBELLES_MOTIF_CLOTURE[l.motifCloture]})`,
    ),
    8.5,
  );
  return { numero, lignes, csv, pdf: terminer() };
}
