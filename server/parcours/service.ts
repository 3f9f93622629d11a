import { enTransaction } from '../../db/transaction.ts';
import type { z } from 'zod';
import type { Executeur } from '../../db/client.ts';
import type { DateCivile } from '../calendrier/dates.ts';
import { ajouterMois } from '../calendrier/dates.ts';
import { territoireDuDepartement } from '../calendrier/territoire.ts';
import { acteurCompte, journaliserAction } from '../conseiller/audit.ts';
import { depotConseillers } from '../conseiller/repository.ts';
import type { Dependances } from '../dependances.ts';
import { erreursDeZod } from '../http/erreurs.ts';
import { dateLocale, fuseauDuTerritoire } from '../calendrier/fuseaux.ts';
import { numeroDossier, prefixeDossier } from '../rendez-vous/numero-dossier.ts';
import { depotRendezVous, depotReservation } from '../rendez-vous/repository.ts';
import { prendreNumeroBon } from './bons-de-commande.ts';
import { champsReecrits, donneesUo2Manquantes, lireDonneesUo2 } from './donnees-uo2.ts';
import { echec, ERREURS_PARCOURS, type Echec } from './erreurs.ts';
import { depotParcours, type Dossier, type UniteOeuvre } from './repository.ts';
import { schemaCloture, schemaDonneesUo2, schemaEngagement, schemaInteraction, type MotifCloture, type Unite } from './schema.ts';

export type Deps = Pick<Dependances, 'db' | 'deploiement' | 'referentiel' | 'maintenant' | 'journal'>;
/** Qui agit : un compte de l'espace conseiller, ou le système (abandon automatique), ou la personne (son espace). */
export type Acteur = { id: number } | 'systeme' | 'beneficiaire';
export const nomActeur = (a: Acteur) => (a === 'systeme' ? 'systeme' : a === 'beneficiaire' ? 'beneficiaire' : acteurCompte(a.id));

/** Délai de réalisation de chaque UO, en mois (seed 002 §1.2.6) ; celui de l'UO 2.2 part de l'engagement de l'UO 2.1. */
export const DELAIS_MOIS: Record<Unite, number> = { '01': 2, '21': 6, '22': 18 };

/** Le calendrier (jours fériés, fuseau) d'une commune ; la métropole pour une commune inconnue. */
export const territoireDe = (deps: Pick<Dependances, 'referentiel'>, commune: string) =>
  territoireDuDepartement(deps.referentiel.commune(commune)?.departement ?? '');

/** La date civile du jour sur le territoire de la commune (fuseau d'outre-mer compris). */
export function aujourdHuiA(deps: Pick<Dependances, 'referentiel' | 'maintenant'>, commune: string): DateCivile {
  return dateLocale(deps.maintenant(), fuseauDuTerritoire(territoireDe(deps, commune)));
}

/** Valide avec zod ; en cas d'échec, l'échec `SAISIE_INVALIDE` avec les erreurs par champ. */
export function lire<S extends z.ZodType>(schema: S, saisie: unknown): { ok: true; valeur: z.infer<S> } | Echec<'SAISIE_INVALIDE'> {
  const r = schema.safeParse(saisie);
  return r.success ? { ok: true, valeur: r.data } : echec('SAISIE_INVALIDE', erreursDeZod(r.error));
}

/** Un dossier d'un lot servi par ce déploiement. */
export async function dossierServi(deps: Pick<Dependances, 'db' | 'deploiement'>, dossierId: number): Promise<Dossier | undefined> {
  const dossier = await depotParcours(deps.db).dossier(dossierId);
  return dossier && deps.deploiement.lots.includes(dossier.lot) ? dossier : undefined;
}

/** Une UO d'un dossier servi, avec son dossier. */
export async function uoServie(
  deps: Pick<Dependances, 'db' | 'deploiement'>,
  uoId: number,
): Promise<{ uo: UniteOeuvre; dossier: Dossier } | undefined> {
  const uo = await depotParcours(deps.db).uo(uoId);
  const dossier = uo ? await dossierServi(deps, uo.dossierId) : undefined;
  return uo && dossier ? { uo, dossier } : undefined;
}

/** La date au plus tôt d'un nouvel engagement : la demande, et la dernière clôture du dossier. */
async function plusTot(deps: Pick<Dependances, 'db'>, dossier: Dossier, uos: UniteOeuvre[]): Promise<DateCivile> {
  let min = '0000-00-00';
  if (dossier.demandeId) {
    const demande = await depotRendezVous(deps.db).demandeParReference(dossier.identifiant);
    if (demande) min = demande.dateDemande;
  }
  for (const u of uos) if (u.dateCloture && u.dateCloture > min) min = u.dateCloture;
  return min;
}

/**
 * Engage une UO : UO 1 (facultative), UO 2.1 (avec son référent unique), UO 2.2 (seulement après une UO 2.1 dont le
 * projet est signé, dans les 18 mois de son engagement). Une seule UO ouverte à la fois par dossier ; une personne
 * repart après une clôture. L'UO reçoit son numéro national (UU = 01, 21, 22) et le rang suivant du bon de commande en
 * cours, dans la même transaction ; l'engagement est audité.
 */
export async function engager(deps: Deps, acteur: Acteur, dossierId: number, saisie: unknown) {
  const lu = lire(schemaEngagement, saisie);
  if (!lu.ok) return lu;
  const e = lu.valeur;
  const dossier = await dossierServi(deps, dossierId);
  if (!dossier) return echec('DOSSIER_INCONNU');
  if (e.date > aujourdHuiA(deps, dossier.commune)) return echec('DATE_FUTURE');
  const depot = depotParcours(deps.db);
  const uos = await depot.uosDuDossier(dossier.id);
  if (uos.some((u) => u.statut === 'ouverte')) return echec('UO_DEJA_OUVERTE');
  if (e.date < (await plusTot(deps, dossier, uos))) return echec('DATE_AVANT_PRECEDENTE');

  let echeance = ajouterMois(e.date, DELAIS_MOIS[e.uo]);
  let referentId: number | null = null;
  let uo21Id: number | null = null;
  if (e.uo === '22') {
    const derniere = uos.at(-1);
    if (derniere?.uo === '22') return echec('UO21_DEJA_PROLONGEE');
    if (!derniere || derniere.uo !== '21' || derniere.motifCloture !== 'livrable-signe') return echec('UO22_SANS_UO21');
    echeance = ajouterMois(derniere.dateEngagement, DELAIS_MOIS['22']);
    if (e.date > echeance) return echec('DELAI_UO22_DEPASSE');
    referentId = derniere.referentId;
    uo21Id = derniere.id;
  }
  if (e.uo === '21') {
    if (e.referentId === undefined) return echec('REFERENT_OBLIGATOIRE');
    if (!(await depotConseillers(deps.db).compteParId(e.referentId))?.actif) return echec('REFERENT_INCONNU');
    referentId = e.referentId;
  }

  const instant = deps.maintenant().toISOString();
  const prefixe = prefixeDossier(deps.deploiement.editeur.identifiant, e.date, e.uo);
  const uo = await enTransaction(deps.db, async (tx) => {
    const bon = await prendreNumeroBon(tx, deps.deploiement.bonsDeCommande, {
      annee: e.date.slice(0, 4),
      lot: dossier.lot,
      uo: e.uo,
      maintenant: deps.maintenant(),
    });
    const cree = await depotParcours(tx).insererUo({
      dossierId: dossier.id,
      uo: e.uo,
      lot: dossier.lot,
      territoire: territoireDe(deps, dossier.commune),
      numero: numeroDossier(prefixe, await depotReservation(tx).prochainNumero(prefixe)),
      uo21Id,
      dateEngagement: e.date,
      echeance,
      engagePar: typeof acteur === 'object' ? acteur.id : null,
      referentId,
      referenceBonCommande: bon ?? null,
      origine: e.origine ?? null,
      motifSollicitation: e.motifSollicitation ?? null,
      creeLe: instant,
      modifieLe: instant,
    });
    await journaliserAction(tx, {
      acteur: nomActeur(acteur),
      action: 'parcours.engagement',
      cible: cree.numero,
      details: { uo: e.uo, echeance, bonDeCommande: bon ?? null, ...(referentId ? { referent: acteurCompte(referentId) } : {}) },
      horodatage: instant,
    });
    return cree;
  });
  deps.journal.info('parcours.engagement', { uo: e.uo, lot: dossier.lot, bonDeCommande: uo.referenceBonCommande !== null });
  return { ok: true as const, uo };
}

/** Vérifie qu'une date d'événement tombe dans la vie de l'UO : ni dans le futur, ni avant l'engagement. */
function dateDansLUo(deps: Deps, uo: UniteOeuvre, dossier: Dossier, date: DateCivile) {
  if (date > aujourdHuiA(deps, dossier.commune)) return echec('DATE_FUTURE');
  if (date < uo.dateEngagement) return echec('DATE_AVANT_ENGAGEMENT');
  return undefined;
}

/** Enregistre une interaction avec la personne. Une interaction à son initiative repousse l'abandon automatique. */
export async function ajouterInteraction(deps: Deps, acteur: { id: number }, uoId: number, saisie: unknown) {
  const lu = lire(schemaInteraction, saisie);
  if (!lu.ok) return lu;
  const i = lu.valeur;
  const trouvee = await uoServie(deps, uoId);
  if (!trouvee) return echec('UO_INCONNUE');
  const { uo, dossier } = trouvee;
  if (uo.statut === 'close') return echec('UO_CLOSE');
  const horsDates = dateDansLUo(deps, uo, dossier, i.date);
  if (horsDates) return horsDates;
  if (i.date > uo.echeance) return echec('DATE_APRES_ECHEANCE');
  const instant = deps.maintenant().toISOString();
  const interaction = await enTransaction(deps.db, async (tx) => {
    const d = depotParcours(tx);
    const cree = await d.insererInteraction({ uoId: uo.id, ...i, note: i.note ?? null, compteId: acteur.id, creeLe: instant });
    const sollicitation =
      i.aLInitiativeDeLaPersonne && (!uo.derniereSollicitation || i.date > uo.derniereSollicitation) ? i.date : uo.derniereSollicitation;
    await d.modifierUo(uo.id, { derniereSollicitation: sollicitation, modifieLe: instant });
    await journaliserAction(tx, {
      acteur: acteurCompte(acteur.id),
      action: 'parcours.interaction',
      cible: uo.numero,
      details: { mode: i.mode, dureeMinutes: i.dureeMinutes, initiativeDeLaPersonne: i.aLInitiativeDeLaPersonne },
      horodatage: instant,
    });
    return cree;
  });
  return { ok: true as const, interaction };
}

/**
 * Clôt une UO dans la transaction de l'appelant (signature, souhait écrit, abandon, autre) et trace la clôture.
 * Faux si l'UO était déjà close : rien n'est écrit.
 */
export async function cloreDans(
  tx: Executeur,
  uo: Pick<UniteOeuvre, 'id' | 'numero' | 'uo'>,
  cloture: { date: DateCivile; motif: MotifCloture; raison?: string | null },
  acteur: Acteur,
  instant: string,
): Promise<boolean> {
  const close = await depotParcours(tx).clore(uo.id, {
    dateCloture: cloture.date,
    motifCloture: cloture.motif,
    raisonCloture: cloture.raison ?? null,
    modifieLe: instant,
  });
  if (close)
    await journaliserAction(tx, {
      acteur: nomActeur(acteur),
      action: 'parcours.cloture',
      cible: uo.numero,
      details: { uo: uo.uo, motif: cloture.motif, date: cloture.date },
      horodatage: instant,
    });
  return close;
}

/**
 * Clôture saisie par le conseiller : motif « autre » avec une raison, ou « souhait écrit » de la personne pour une UO 2.2
 * (la raison recopie la trace écrite). « Livrable signé » vient de la signature, « abandon » de la fin du délai.
 */
export async function clore(deps: Deps, acteur: { id: number }, uoId: number, saisie: unknown) {
  const lu = lire(schemaCloture, saisie);
  if (!lu.ok) return lu;
  const c = lu.valeur;
  const trouvee = await uoServie(deps, uoId);
  if (!trouvee) return echec('UO_INCONNUE');
  const { uo, dossier } = trouvee;
  if (uo.statut === 'close') return echec('UO_DEJA_CLOSE');
  if (c.motif === 'livrable-signe' || c.motif === 'abandon' || (c.motif === 'souhait-ecrit' && uo.uo !== '22'))
    return echec('MOTIF_INTERDIT');
  if (!c.raison)
    return echec('SAISIE_INVALIDE', [
      {
        champ: 'raison',
        message: c.motif === 'autre' ? 'Indiquez la raison de la clôture.' : 'Recopiez ou résumez le souhait écrit de la personne.',
      },
    ]);
  const horsDates = dateDansLUo(deps, uo, dossier, c.date);
  if (horsDates) return horsDates;
  // L'annexe 2 §2 exige certaines données de l'UO 2 à la clôture : le conseiller qui clôt les complète d'abord.
  const manquantes = donneesUo2Manquantes(uo);
  if (manquantes.length)
    return echec('DONNEES_UO2_INCOMPLETES', [
      { champ: 'requete', message: ERREURS_PARCOURS.DONNEES_UO2_INCOMPLETES.message },
      ...manquantes,
    ]);
  const instant = deps.maintenant().toISOString();
  const close = await enTransaction(deps.db, async (tx) => await cloreDans(tx, uo, c, acteur, instant));
  return close ? { ok: true as const } : echec('UO_DEJA_CLOSE');
}

/** L'UO 2 ouverte d'un dossier (2.1 ou 2.2), s'il en a une. */
const uo2Ouverte = (uos: UniteOeuvre[]) => uos.find((u) => u.statut === 'ouverte' && (u.uo === '21' || u.uo === '22'));

/** Change le référent unique de l'accompagnement personnalisé en cours (audité : ancien et nouveau référent). */
export async function changerReferent(deps: Deps, acteur: { id: number }, dossierId: number, referentId: number) {
  const dossier = await dossierServi(deps, dossierId);
  if (!dossier) return echec('DOSSIER_INCONNU');
  const uo = uo2Ouverte(await depotParcours(deps.db).uosDuDossier(dossier.id));
  if (!uo) return echec('REFERENT_SANS_UO2');
  if (!Number.isInteger(referentId) || !(await depotConseillers(deps.db).compteParId(referentId))?.actif) return echec('REFERENT_INCONNU');
  const instant = deps.maintenant().toISOString();
  await enTransaction(deps.db, async (tx) => {
    await depotParcours(tx).modifierUo(uo.id, { referentId, modifieLe: instant });
    await journaliserAction(tx, {
      acteur: acteurCompte(acteur.id),
      action: 'parcours.referent',
      cible: uo.numero,
      details: { ancien: uo.referentId ? acteurCompte(uo.referentId) : null, nouveau: acteurCompte(referentId) },
      horodatage: instant,
    });
  });
  return { ok: true as const };
}

/**
 * Complète les données de l'UO 2 (annexe 2 §2) ; les champs absents gardent leur valeur. Une UO close (signature,
 * souhait écrit, abandon) accepte encore les champs vides, jamais la réécriture d'une valeur déjà enregistrée
 * (`DONNEES_UO2_FIGEES`). Audité : les champs, jamais leurs valeurs.
 */
export async function renseignerUo2(
  deps: Deps & Pick<Dependances, 'referentielsParcours'>,
  acteur: { id: number },
  uoId: number,
  saisie: unknown,
) {
  const lu = lire(schemaDonneesUo2(deps.referentielsParcours), saisie);
  if (!lu.ok) return lu;
  const trouvee = await uoServie(deps, uoId);
  if (!trouvee) return echec('UO_INCONNUE');
  const { uo } = trouvee;
  if (uo.uo === '01') return echec('DONNEES_UO2_SANS_OBJET');
  const avant = lireDonneesUo2(uo);
  if (uo.statut === 'close') {
    const reecrits = champsReecrits(avant, lu.valeur);
    if (reecrits.length)
      return echec(
        'DONNEES_UO2_FIGEES',
        reecrits.map((champ) => ({ champ, message: 'Déjà transmis à la clôture : cette valeur ne change plus.' })),
      );
  }
  const donnees = { ...avant, ...lu.valeur };
  const instant = deps.maintenant().toISOString();
  await enTransaction(deps.db, async (tx) => {
    await depotParcours(tx).modifierUo(uo.id, { donneesUo2: JSON.stringify(donnees), modifieLe: instant });
    await journaliserAction(tx, {
      acteur: acteurCompte(acteur.id),
      action: 'parcours.donnees-uo2',
      cible: uo.numero,
      details: { champs: Object.keys(lu.valeur) },
      horodatage: instant,
    });
  });
  return { ok: true as const };
}
