import { dateAParis } from '../calendrier/fuseaux.ts';
import { instantLong } from '../calendrier/formats.ts';
import { acteurCompte, journaliserAction } from '../conseiller/audit.ts';
import type { ConseillerConnecte } from '../conseiller/service.ts';
import type { Dependances } from '../dependances.ts';
import { echecDe, type Echec } from '../http/erreurs.ts';
import { champsRecus, champTexte, type Passage } from '../http/porte.ts';
import { bonsEnAlerte, CHEMIN_BONS, etatDesBons, pourcentage, type EtatBon } from './bons-de-commande.ts';
import { dernierTrimestreClos, produireDecompte, relireDecompte } from './decomptes.ts';
import { ERREURS_PARCOURS } from './erreurs.ts';
import { depotParcours } from './repository.ts';

type Deps = Pick<Dependances, 'db' | 'deploiement' | 'maintenant'>;

/** Seuls les responsables voient les bons de commande et produisent les décomptes (ils engagent l'opérateur). */
export const peutGererLesBons = (conseiller: Pick<ConseillerConnecte, 'role'> | undefined) => conseiller?.role === 'manager';

/** Une ligne du tableau d'un bon : sa consommation, en chiffres et en mots. */
export interface LigneBon extends EtatBon {
  /** L'UO de la référence, comme la lisent les conseillers : `UO 1` (pour `UO01`), `UO 2.1`… */
  uo: string;
  restantes: number;
  /** `90 %`, arrondi vers le bas. */
  pourcentage: string;
}

/** Les bons d'une année et d'une UO, un tableau. */
export interface GroupeBons {
  /** Identifiant HTML du titre du tableau. */
  id: string;
  titre: string;
  bons: LigneBon[];
}

/** Un décompte déjà produit, avec ses deux liens de téléchargement. */
export interface DecompteProduit {
  numero: string;
  reference: string;
  trimestre: string;
  nombre: number;
  produitLe: string;
  pdf: string;
  csv: string;
}

/** Ce que montre `/espace-conseiller/bons-de-commande`. */
export interface VueBons {
  autorise: boolean;
  /** Après un envoi réussi : où aller (le décompte produit, affiché par la page). */
  redirection?: string;
  echec?: Echec;
  groupes: GroupeBons[];
  alertes: LigneBon[];
  /** Les bons proposés dans le formulaire. */
  options: { valeur: string; libelle: string }[];
  /** Ce que le formulaire affiche : la saisie envoyée, ou le trimestre clos le plus récent par défaut. */
  saisie: { reference: string; trimestre: string };
  decomptes: DecompteProduit[];
  /** Le décompte qui vient d'être produit (`?decompte=…`). */
  produit?: DecompteProduit;
}

/** Le chemin de téléchargement d'un décompte. @example lienDecompte('2026-Lot01-UO01-01-2026T4', 'pdf') */
export const lienDecompte = (numero: string, format: 'pdf' | 'csv') => `${CHEMIN_BONS}/decompte/${numero}.${format}`;

const ligneBon = (b: EtatBon): LigneBon => ({
  ...b,
  uo: `UO ${(/-UO([\d.]+)-/.exec(b.reference)?.[1] ?? '').replace(/^0(\d)$/, '$1')}`,
  restantes: Math.max(0, b.quantite - b.consommees),
  pourcentage: pourcentage(b.part),
});

/** Les bons groupés par année et par UO, dans l'ordre des références. */
function grouper(bons: LigneBon[]): GroupeBons[] {
  const groupes = new Map<string, GroupeBons>();
  for (const b of [...bons].sort((x, y) => x.reference.localeCompare(y.reference))) {
    const annee = b.reference.slice(0, 4);
    const cle = `${annee} ${b.uo}`;
    let g = groupes.get(cle);
    if (!g) groupes.set(cle, (g = { id: `bons-${annee}-${b.uo.replace(/\W/g, '')}`, titre: `${annee}, ${b.uo}`, bons: [] }));
    g.bons.push(b);
  }
  return [...groupes.values()];
}

const decompteProduit = (d: { numero: string; referenceBonCommande: string; trimestre: string; nombre: number; produitLe: string }) => ({
  numero: d.numero,
  reference: d.referenceBonCommande,
  trimestre: d.trimestre,
  nombre: d.nombre,
  produitLe: instantLong(d.produitLe),
  pdf: lienDecompte(d.numero, 'pdf'),
  csv: lienDecompte(d.numero, 'csv'),
});

/**
 * La page des bons de commande d'un responsable : la consommation de chaque bon, ceux à 90 % signalés, le formulaire
 * « Produire le décompte trimestriel » (POST : produit, puis renvoie vers la page qui offre ses deux téléchargements) et
 * les décomptes déjà produits. Un conseiller reçoit un 403 (tracé) et rien n'est produit.
 */
export async function pageBons(
  deps: Deps,
  conseiller: Pick<ConseillerConnecte, 'id' | 'role'>,
  passage: Passage | undefined,
  parametres: URLSearchParams,
): Promise<VueBons> {
  const champs = champsRecus(passage);
  const saisie = passage
    ? { reference: champTexte(champs, 'reference', 40).trim(), trimestre: champTexte(champs, 'trimestre', 20).trim() }
    : { reference: '', trimestre: dernierTrimestreClos(dateAParis(deps.maintenant())) };
  const vide: VueBons = { autorise: false, groupes: [], alertes: [], options: [], saisie, decomptes: [] };
  if (!peutGererLesBons(conseiller)) {
    await journaliserAction(deps.db, { acteur: acteurCompte(conseiller.id), action: 'parcours.bons.acces-refuse' });
    return { ...vide, echec: echecDe(ERREURS_PARCOURS, { erreur: 'RESERVE_AUX_RESPONSABLES' }) };
  }
  let echec: Echec | undefined;
  if (passage && !passage.ok) echec = passage;
  else if (passage) {
    const r = await produireDecompte(deps, conseiller, saisie.reference, saisie.trimestre);
    if (r.ok) return { ...vide, redirection: `${CHEMIN_BONS}?decompte=${encodeURIComponent(r.numero)}#decompte-produit` };
    echec = echecDe(ERREURS_PARCOURS, r);
  }
  const lignes = (await etatDesBons(deps)).map(ligneBon);
  const decomptes = (await depotParcours(deps.db).decomptesProduits()).map(decompteProduit);
  const produit = decomptes.find((d) => d.numero === parametres.get('decompte'));
  return {
    autorise: true,
    ...(echec ? { echec } : {}),
    groupes: grouper(lignes),
    alertes: lignes.filter((b) => b.alerte),
    options: lignes.map((b) => ({ valeur: b.reference, libelle: `${b.reference} (${b.consommees} sur ${b.quantite})` })),
    saisie,
    decomptes,
    ...(produit ? { produit } : {}),
  };
}

/**
 * Un décompte déjà produit, à télécharger (`/espace-conseiller/bons-de-commande/decompte/<numéro>.pdf` ou `.csv`) :
 * relu tel qu'il a été établi, pour les responsables seulement. Le téléchargement est tracé.
 */
export async function telechargerDecompte(
  deps: Pick<Dependances, 'db' | 'deploiement'>,
  conseiller: Pick<ConseillerConnecte, 'id' | 'role'>,
  fichier: string,
): Promise<{ ok: true; corps: Buffer | string; type: string; nom: string } | { ok: false; echec: Echec }> {
  if (!peutGererLesBons(conseiller)) return { ok: false, echec: echecDe(ERREURS_PARCOURS, { erreur: 'RESERVE_AUX_RESPONSABLES' }) };
  const lu = /^(.{1,40})\.(pdf|csv)$/.exec(fichier);
  const r = lu ? await relireDecompte(deps, lu[1]!) : undefined;
  if (!lu || !r?.ok) return { ok: false, echec: echecDe(ERREURS_PARCOURS, { erreur: 'DECOMPTE_INCONNU' }) };
  const format = lu[2] as 'pdf' | 'csv';
  await journaliserAction(deps.db, {
    acteur: acteurCompte(conseiller.id),
    action: 'parcours.decompte.telechargement',
    cible: r.numero,
    details: { format },
  });
  return format === 'pdf'
    ? { ok: true, corps: r.pdf, type: 'application/pdf', nom: `decompte-${r.numero}.pdf` }
    : { ok: true, corps: r.csv, type: 'text/csv; charset=utf-8', nom: `decompte-${r.numero}.csv` };
}

/** Le bloc « Attention » de l'accueil de l'espace conseiller : les bons à 90 % ou plus, pour un responsable seulement. */
export async function alertesBonsAccueil(deps: Pick<Dependances, 'db' | 'deploiement'>, conseiller: Pick<ConseillerConnecte, 'role'>) {
  return peutGererLesBons(conseiller) ? (await bonsEnAlerte(deps)).map(ligneBon) : [];
}
