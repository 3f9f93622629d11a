import type { Executeur } from '../../db/client.ts';
import { depotConseillers } from '../conseiller/repository.ts';
import type { Composition, ContexteComposition } from '../courriel/composition.ts';
import { composerCourriel } from '../courriel/modele.ts';
import type { Dependances } from '../dependances.ts';
import type { BonDeCommande } from '../deploiement/schema.ts';
import { CATEGORIES_PARCOURS, mettreEnFileParcours } from './courriels.ts';
import { depotParcours } from './repository.ts';
import { CODE_ANNEXE, type Unite } from './schema.ts';

/** Part consommée d'un bon à partir de laquelle les managers sont prévenus. */
export const SEUIL_ALERTE = 0.9;

/** Le début de référence des bons d'une UO, d'un lot et d'une année : `2026-Lot01-UO2.1-`. */
export const prefixeBon = (annee: string, lot: number, uo: Unite | '00') =>
  `${annee}-Lot${String(lot).padStart(2, '0')}-UO${uo === '00' ? '00' : CODE_ANNEXE[uo]}-`;

/**
 * Prend, dans la transaction de l'engagement, le numéro suivant du bon de commande en cours pour cette UO, ce lot et
 * l'année de l'engagement : `AAAA-Lotww-UOxx-yy-zzzzz`. Les bons de l'année sont pris dans l'ordre de leur rang `yy` ;
 * un bon plein passe la main au suivant. `undefined` si aucun bon configuré n'a de place (l'engagement se fait quand même :
 * les managers le voient dans `etatDesBons`). Le rang qui fait passer un bon à 90 % prévient les managers, une fois.
 */
export async function prendreNumeroBon(
  tx: Executeur,
  bons: readonly BonDeCommande[],
  engagement: { annee: string; lot: number; uo: Unite; maintenant: Date },
): Promise<string | undefined> {
  const prefixe = prefixeBon(engagement.annee, engagement.lot, engagement.uo);
  const candidats = bons.filter((b) => b.reference.startsWith(prefixe)).sort((a, b) => a.reference.localeCompare(b.reference));
  const depot = depotParcours(tx);
  for (const bon of candidats) {
    const rang = await depot.prendreRang(bon.reference, bon.quantite);
    if (rang === undefined) continue;
    if (rang / bon.quantite >= SEUIL_ALERTE) await prevenirLesManagers(tx, bon.reference, engagement.maintenant);
    return `${bon.reference}-${String(rang).padStart(5, '0')}`;
  }
  return undefined;
}

/**
 * Le premier passage d'un bon à 90 % : noté (il ne se répète pas), et un courriel à chaque manager actif, dans la
 * transaction de l'engagement. Le courriel est composé à l'envoi, avec la consommation de ce moment-là.
 */
async function prevenirLesManagers(tx: Executeur, reference: string, maintenant: Date) {
  const adresses = await depotConseillers(tx).adressesDesManagers();
  if (!(await depotParcours(tx).noterAlerteBon({ reference, atteinteLe: maintenant.toISOString(), prevenus: adresses.length }))) return;
  for (const destinataire of adresses)
    await mettreEnFileParcours(tx, { categorie: CATEGORIES_PARCOURS.bonEnAlerte, destinataire, reference, donnees: { reference }, maintenant });
}

/** Le chemin de la page des bons de commande, dans l'espace conseiller (managers). */
export const CHEMIN_BONS = '/espace-conseiller/bons-de-commande';

/** Le courriel aux managers d'un bon qui a passé 90 % : sa consommation au moment de l'envoi, et quoi faire. */
export async function composerAlerteBon(
  ctx: ContexteComposition,
  _courriel: unknown,
  donnees: Record<string, string>,
): Promise<Composition | undefined> {
  const bon = ctx.deploiement.bonsDeCommande.find((b) => b.reference === donnees.reference);
  if (!bon) return undefined;
  const consommees = (await depotParcours(ctx.db).rangsPris()).get(bon.reference) ?? 0;
  return composerCourriel(ctx.deploiement, {
    sujet: `Bon de commande ${bon.reference} : ${pourcentage(consommees / bon.quantite)} consommés`,
    salutation: 'Bonjour,',
    blocs: [
      `Le bon de commande ${bon.reference} a atteint ${pourcentage(consommees / bon.quantite)} de sa quantité : ${consommees} unités d’œuvre engagées sur ${bon.quantite}, il en reste ${Math.max(0, bon.quantite - consommees)}.`,
      'Demandez dès maintenant le bon suivant à France compétences, puis ajoutez-le à la configuration du déploiement (bonsDeCommande) : sans bon disponible, les engagements se font sans référence de bon.',
      { lien: `${ctx.urlPublique}${CHEMIN_BONS}`, texte: 'Voir les bons de commande' },
      'Ce courriel n’est envoyé qu’une fois par bon de commande, aux responsables de l’espace conseiller.',
    ],
  });
}

/** Une part en pourcentage entier, arrondi vers le bas (89,9 % ne s'affiche pas 90 %). @example pourcentage(0.9) // '90 %' */
export const pourcentage = (part: number) => `${Math.floor(part * 100 + 1e-9)}\u00a0%`;

/** Consommation d'un bon de commande, pour les managers. */
export interface EtatBon {
  reference: string;
  quantite: number;
  consommees: number;
  /** Part consommée, de 0 à 1. */
  part: number;
  /** Vrai à partir de 90 % : il faut demander le bon suivant à France compétences. */
  alerte: boolean;
}

/** La consommation de chaque bon configuré ; ceux à 90 % ou plus portent une alerte. */
export async function etatDesBons(deps: Pick<Dependances, 'db' | 'deploiement'>): Promise<EtatBon[]> {
  const pris = await depotParcours(deps.db).rangsPris();
  return deps.deploiement.bonsDeCommande.map((b) => {
    const consommees = pris.get(b.reference) ?? 0;
    const part = consommees / b.quantite;
    return { reference: b.reference, quantite: b.quantite, consommees, part, alerte: part >= SEUIL_ALERTE };
  });
}

/** Les seuls bons en alerte (à montrer en tête de l'espace des managers). */
export const bonsEnAlerte = async (deps: Pick<Dependances, 'db' | 'deploiement'>) => (await etatDesBons(deps)).filter((b) => b.alerte);
