import { moteurDe } from '../../db/moteur.ts';
import { enTransaction } from '../../db/transaction.ts';
import { ajouterJours, type DateCivile } from '../calendrier/dates.ts';
import type { TerritoireCalendrier } from '../calendrier/territoire.ts';
import { fuseauDuTerritoire, instantLocal } from '../calendrier/fuseaux.ts';
import { territoireDuDepartement, territoireDuLot } from '../calendrier/territoire.ts';
import type { Dependances } from '../dependances.ts';
import type { Site } from '../deploiement/schema.ts';
// eslint-disable-next-line no-restricted-syntax -- des constantes du schéma (les mêmes sur les deux moteurs), pas des tables
import { SANS_COURRIEL, type MODES_CONTACT_DEMANDE } from '../../db/schema/rendez-vous.ts';

type ModeContactDemande = (typeof MODES_CONTACT_DEMANDE)[number];
import { ligneDeLaBoite } from '../courriel/repository.ts';
import { annulerRappel, confirmationAvantReservation, courrielAnnulation, courrielsDeConfirmation } from './courriels.ts';
import { delaiDUneDemande, echeanceDe } from './echeance.ts';
import { numeroDossier, prefixeDossier } from './numero-dossier.ts';
import { rendreNumero } from './numeros-par-blocs.ts';
import { ecrireGroupe } from './ecriture-groupee.ts';
import { empreinteJeton, nouveauJeton } from './jeton.ts';
import { eligibilite, type Eligibilite } from './eligibilite.ts';
import {
  depotRendezVous,
  depotReservation,
  reserverEtEnregistrerPostgres,
  versionDesCreneaux,
  type Creneau,
  type CreneauLibre,
  type Demande,
  type DemandeAInserer,
} from './repository.ts';
import type { DemandeRendezVous, Modalite } from './schema.ts';
import type { CodeErreurRendezVous } from './erreurs.ts';

type Deps = Pick<
  Dependances,
  'db' | 'deploiement' | 'referentiel' | 'operateurs' | 'journal' | 'maintenant' | 'urlPublique' | 'signalerCourriels'
>;

/** Un créneau tel que l'API le publie (`GET /api/creneaux`). */
export interface CreneauPublic {
  id: number;
  /** Instants UTC ISO 8601. */
  debut: string;
  fin: string;
  modalite: Modalite;
  /** Le site, pour un rendez-vous en présentiel. */
  site?: { id: string; nom: string; adresse: string[] };
  /**
   * `GET /api/creneaux` seulement : vrai si le créneau commence après le 30e jour ouvré à compter d'aujourd'hui pour le
   * territoire de la commune (délai du premier échange, seed 002 §3.3). Un tel créneau reste proposé.
   */
  horsDelai?: boolean;
}

/** Les codes d'erreur de ces cas d'usage : leur statut et leur message sont dans `erreurs.ts`. */
export type CodeErreur = CodeErreurRendezVous;
const echec = <C extends CodeErreur>(erreur: C) => ({ ok: false as const, erreur });

export function siteParId(deps: Pick<Dependances, 'deploiement'>, id: string | null | undefined): Site | undefined {
  return id ? deps.deploiement.sites.find((s) => s.id === id) : undefined;
}

export function creneauPublic(deps: Pick<Dependances, 'deploiement'>, c: CreneauLibre): CreneauPublic {
  const site = c.modalite === 'presentiel' ? siteParId(deps, c.site) : undefined;
  return {
    id: c.id,
    debut: c.debut,
    fin: c.fin,
    modalite: c.modalite,
    ...(site ? { site: { id: site.id, nom: site.nom, adresse: site.adresse } } : {}),
  };
}

/** Les lots dont on cherche les créneaux : celui de la commune (s'il est servi), ou tous ceux du déploiement. */
export function lotsDeRecherche(deps: Pick<Dependances, 'deploiement' | 'referentiel'>, codeCommune?: string): number[] | undefined {
  if (!codeCommune) return deps.deploiement.lots;
  const commune = deps.referentiel.commune(codeCommune);
  if (!commune) return undefined;
  const lot = deps.referentiel.region(commune.region)?.lot?.numero;
  return lot && deps.deploiement.lots.includes(lot) ? [lot] : [];
}

/** Les créneaux libres, à venir, à partir d'un jour local. */
export async function creneauxLibres(
  deps: Pick<Dependances, 'db' | 'deploiement' | 'maintenant'>,
  filtre: { lots: number[]; modalite?: Modalite; depuis?: DateCivile; limite: number },
): Promise<CreneauLibre[]> {
  if (filtre.lots.length === 0) return [];
  let apres = deps.maintenant().toISOString();
  if (filtre.depuis) {
    const debutJour = instantLocal(filtre.depuis, '00:00', fuseauDuTerritoire(territoireDuLot(filtre.lots[0]!))).toISOString();
    // Un créneau qui commence pile à minuit du jour demandé compte : on part d'une milliseconde avant.
    const veille = new Date(Date.parse(debutJour) - 1).toISOString();
    if (veille > apres) apres = veille;
  }
  return depotReservation(deps.db).creneauxLibres({ lots: filtre.lots, modalite: filtre.modalite, apres, limite: filtre.limite });
}

/** Durée de vie d'une liste de créneaux libres en cache (le temps qui passe : un créneau qui commence n'est plus proposé). */
const CACHE_CRENEAUX_MS = 1000;
const caches = new WeakMap<object, Map<string, { version: number; expire: number; json: string }>>();

/**
 * La réponse JSON de `GET /api/creneaux`, gardée une seconde au plus et jamais au-delà d'une écriture sur les créneaux
 * (réservation, libération, publication, retrait) : la liste est la même pour toutes les personnes d'un lot.
 */
export async function creneauxLibresEnJson(
  deps: Pick<Dependances, 'db' | 'deploiement' | 'maintenant'>,
  filtre: Parameters<typeof creneauxLibres>[1] & { territoire?: TerritoireCalendrier },
): Promise<string> {
  let cache = caches.get(deps.db);
  if (!cache) caches.set(deps.db, (cache = new Map<string, { version: number; expire: number; json: string }>()));
  const cle = `${filtre.lots.join(',')}|${filtre.modalite ?? ''}|${filtre.depuis ?? ''}|${filtre.limite}|${filtre.territoire ?? ''}`;
  const maintenant = deps.maintenant().getTime();
  const version = versionDesCreneaux();
  const trouve = cache.get(cle);
  if (trouve && trouve.version === version && trouve.expire > maintenant) return trouve.json;
  // Une limite par lot (son territoire, ou celui de la commune demandée), calculée une fois pour toute la liste.
  const limites = new Map<number, string>();
  const limite = (lot: number) => {
    let l = limites.get(lot);
    if (!l) limites.set(lot, (l = finDuDelai(deps.maintenant(), filtre.territoire ?? territoireDuLot(lot))));
    return l;
  };
  const json = JSON.stringify(
    (await creneauxLibres(deps, filtre)).map((c) => ({ ...creneauPublic(deps, c), horsDelai: c.debut >= limite(c.lot) })),
  );
  if (cache.size > 1000) cache.clear();
  cache.set(cle, { version, expire: maintenant + CACHE_CRENEAUX_MS, json });
  return json;
}

/**
 * L'instant où finit le délai d'une demande faite à `maintenant` : minuit (local) après le 30e jour ouvré. Un créneau qui
 * commence à cet instant ou après est « hors délai ».
 */
export function finDuDelai(maintenant: Date, territoire: TerritoireCalendrier): string {
  const { echeance } = delaiDUneDemande(maintenant, territoire);
  return instantLocal(ajouterJours(echeance, 1), '00:00', fuseauDuTerritoire(territoire)).toISOString();
}

/** Une demande saisie par un conseiller pour la personne : le canal (annexe 2), qui, et le jour de l'appel ou de la visite. */
export interface Accueil {
  modeContact: Exclude<ModeContactDemande, 'en-ligne'>;
  compteId: number;
  dateDemande: DateCivile;
}

class ConflitCreneau extends Error {}

export type ResultatDemande =
  | { ok: true; statut: 'enregistree'; reference: string; echeance: DateCivile; creneau?: CreneauPublic; jeton: string }
  | { ok: true; statut: 'orientee'; eligibilite: Extract<Eligibilite, { servi: false }> }
  | { ok: false; erreur: 'COMMUNE_INCONNUE' | 'CRENEAU_INCONNU' | 'CRENEAU_INDISPONIBLE' };

/**
 * Enregistre une première demande : numéro de dossier, échéance, créneau réservé (ou rappel demandé),
 * courriels de confirmation et de rappel, le tout dans une seule transaction. Un créneau pris entre-temps : rien n'est créé.
 * Une personne que l'opérateur ne sert pas est orientée, rien n'est enregistré.
 */
export async function demanderRendezVous(deps: Deps, entree: DemandeRendezVous, accueil?: Accueil): Promise<ResultatDemande> {
  const commune = deps.referentiel.commune(entree.commune);
  if (!commune) return echec('COMMUNE_INCONNUE');
  const { situation, enEmploi, rechercheEmploi, handicap, cadre, accompagnementEnCours, age } = entree;
  const profil = { situation, enEmploi, rechercheEmploi, handicap, cadre, accompagnementEnCours, age };
  const public_ = eligibilite(profil, commune, deps.deploiement.lots, deps);
  if (!public_.servi) return { ok: true, statut: 'orientee', eligibilite: public_ };

  const maintenant = deps.maintenant();
  const instant = maintenant.toISOString();
  const { creneauId } = entree;
  let creneau: Creneau | undefined;
  const territoire = territoireDuDepartement(commune.departement);
  // Saisie par un conseiller : le délai court du jour de l'appel ou de la visite (seed 002 §3.3, quel que soit le canal).
  const { dateDemande, echeance } = accueil
    ? { dateDemande: accueil.dateDemande, echeance: echeanceDe(accueil.dateDemande, territoire) }
    : delaiDUneDemande(maintenant, territoire);
  const jeton = nouveauJeton(maintenant);
  const prefixe = prefixeDossier(deps.deploiement.editeur.identifiant, dateDemande);
  // Une transaction (sur SQLite, groupée avec les demandes simultanées ; sur PostgreSQL, la sienne sur le pool : voir
  // ecriture-groupee.ts) : tout ce qui suit, y compris les courriels mis en file dans `tx`, est validé ou annulé ensemble.
  // L'UPDATE conditionnel garantit qu'un créneau n'est réservé qu'une fois (du bon lot, de la bonne modalité, libre et à
  // venir), sur une instance comme sur plusieurs ; la réponse ne part qu'après le COMMIT.
  const aInserer = (reference: string, creneauId: number | null): DemandeAInserer => ({
    reference,
    creeLe: instant,
    dateDemande,
    echeance,
    lot: public_.lot,
    commune: commune.code,
    nom: entree.nom,
    prenom: entree.prenom,
    email: entree.email ?? SANS_COURRIEL,
    telephone: entree.telephone ?? null,
    situation: entree.situation,
    motif: entree.motif,
    modalite: entree.modalite,
    creneauId,
    rappel: entree.rappel === true,
    besoinsAccessibilite: besoinsEnJson(entree.besoinsAccessibilite),
    origine: entree.origine,
    consentementLe: instant,
    empreinteJeton: empreinteJeton(jeton),
    ...(entree.metier ? { metier: entree.metier, codeRome: entree.codeRome ?? null } : {}),
    ...(accueil ? { modeContact: accueil.modeContact, creeParCompteId: accueil.compteId } : {}),
  });
  let demande: Demande | undefined;
  if (creneauId !== undefined && moteurDe(deps.db) === 'postgres') {
    // Sur PostgreSQL, chaque aller-retour avec le serveur compte : le numéro vient du bloc de l'instance, puis une seule
    // instruction réserve, enregistre et met en file, ou ne fait rien si le créneau n'est plus libre (le numéro est
    // alors rendu au bloc). Décision : docs/decisions/2026-12-06-numeros-hors-transaction.md.
    const compteur = await depotReservation(deps.db).prochainNumero(prefixe);
    const v = { ...aInserer(numeroDossier(prefixe, compteur), creneauId), creneauId };
    const enFile = confirmationAvantReservation({ maintenant }, v);
    const fait = await reserverEtEnregistrerPostgres(deps.db, {
      maintenant: instant,
      demande: v,
      ...(enFile ? { courriels: { ...enFile, confirmation: ligneDeLaBoite(enFile.confirmation) } } : {}),
    });
    if (fait) ({ creneau, demande } = fait);
    else rendreNumero(deps.db, prefixe, compteur);
  } else {
    demande = await ecrireGroupe(deps.db, async (tx): Promise<Demande | undefined> => {
      const rapide = depotReservation(tx);
      if (creneauId !== undefined) {
        creneau = await rapide.reserverCreneau(creneauId, instant, { lot: public_.lot, modalite: entree.modalite });
        if (!creneau) return undefined;
      }
      const cree = await rapide.insererDemande(aInserer(numeroDossier(prefixe, await rapide.prochainNumero(prefixe)), creneau?.id ?? null));
      await courrielsDeConfirmation(tx, { deploiement: deps.deploiement, urlPublique: deps.urlPublique, maintenant }, cree, creneau);
      return cree;
    });
  }
  if (!demande) {
    // Rien n'est écrit ; on dit pourquoi : un créneau d'un autre lot ou d'une autre modalité (400), ou déjà pris ou passé (409).
    const lu = await depotReservation(deps.db).creneau(creneauId!);
    return echec(!lu || lu.lot !== public_.lot || lu.modalite !== entree.modalite ? 'CRENEAU_INCONNU' : 'CRENEAU_INDISPONIBLE');
  }
  deps.signalerCourriels();
  deps.journal.info('rendez-vous.demande', {
    lot: demande.lot,
    modeContact: demande.modeContact,
    modalite: demande.modalite,
    rappel: demande.rappel,
    origine: demande.origine,
  });
  return {
    ok: true,
    statut: 'enregistree',
    reference: demande.reference,
    echeance,
    jeton,
    ...(creneau ? { creneau: creneauPublic(deps, creneau) } : {}),
  };
}

function besoinsEnJson(besoins: DemandeRendezVous['besoinsAccessibilite']): string | null {
  if (!besoins || (besoins.codes.length === 0 && !besoins.precision)) return null;
  return JSON.stringify({ codes: [...new Set(besoins.codes)], ...(besoins.precision ? { precision: besoins.precision } : {}) });
}

/** Ce que voit la personne sur son lien privé. */
export async function lireSuivi(
  deps: Pick<Dependances, 'db'>,
  jeton: string,
): Promise<{ demande: Demande; creneau?: Creneau } | undefined> {
  if (!/^[\w-]{20,100}$/.test(jeton)) return undefined;
  const depot = depotRendezVous(deps.db);
  const demande = await depot.demandeParEmpreinte(empreinteJeton(jeton));
  if (!demande) return undefined;
  const creneau = demande.creneauId ? await depotReservation(deps.db).creneau(demande.creneauId) : undefined;
  return { demande, ...(creneau ? { creneau } : {}) };
}

/** Vérifie qu'une demande se modifie encore en ligne : ouverte, et son rendez-vous (s'il y en a un) à venir. */
function modifiable(suivi: { demande: Demande; creneau?: Creneau } | undefined, instant: string) {
  if (!suivi) return echec('DEMANDE_INCONNUE');
  if (suivi.demande.statut !== 'ouverte') return echec('DEMANDE_CLOSE');
  if (suivi.creneau && suivi.creneau.debut <= instant) return echec('RENDEZ_VOUS_PASSE');
  return { ok: true as const, ...suivi };
}

/** Annule la demande depuis le lien privé : le créneau redevient libre, le rappel ne part pas, un courriel confirme. */
export async function annulerDemande(deps: Deps, jeton: string) {
  const maintenant = deps.maintenant();
  const verifie = modifiable(await lireSuivi(deps, jeton), maintenant.toISOString());
  if (!verifie.ok) return verifie;
  const { demande, creneau } = verifie;
  await enTransaction(deps.db, async (tx) => {
    const d = depotRendezVous(tx);
    if (creneau) await d.libererCreneau(creneau.id, maintenant.toISOString());
    const annulee = { ...demande, version: demande.version + 1 };
    await d.modifierDemande(demande.id, {
      statut: 'annulee',
      annuleeLe: maintenant.toISOString(),
      creneauId: null,
      version: annulee.version,
      modifieLe: maintenant.toISOString(),
    });
    await annulerRappel(tx, demande.reference);
    await courrielAnnulation(tx, { deploiement: deps.deploiement, urlPublique: deps.urlPublique, maintenant }, annulee, creneau);
  });
  deps.signalerCourriels();
  deps.journal.info('rendez-vous.annulation', { lot: demande.lot });
  return { ok: true as const };
}

/** Déplace le rendez-vous sur un autre créneau libre (ou en choisit un après une demande de rappel). */
export async function deplacerRendezVous(deps: Deps, jeton: string, creneauId: number) {
  const maintenant = deps.maintenant();
  const instant = maintenant.toISOString();
  const verifie = modifiable(await lireSuivi(deps, jeton), instant);
  if (!verifie.ok) return verifie;
  const { demande, creneau: ancien } = verifie;
  const nouveau = await depotReservation(deps.db).creneau(creneauId);
  if (!nouveau || nouveau.lot !== demande.lot || nouveau.id === ancien?.id) return echec('CRENEAU_INCONNU');
  try {
    await enTransaction(deps.db, async (tx) => {
      const d = depotRendezVous(tx);
      if (!(await depotReservation(tx).reserverCreneau(nouveau.id, instant))) throw new ConflitCreneau();
      if (ancien) await d.libererCreneau(ancien.id, instant);
      const modifiee = { ...demande, creneauId: nouveau.id, modalite: nouveau.modalite, rappel: false, version: demande.version + 1 };
      await d.modifierDemande(demande.id, {
        creneauId: nouveau.id,
        modalite: nouveau.modalite,
        rappel: false,
        version: modifiee.version,
        modifieLe: instant,
      });
      await annulerRappel(tx, demande.reference);
      await courrielsDeConfirmation(
        tx,
        { deploiement: deps.deploiement, urlPublique: deps.urlPublique, maintenant },
        modifiee,
        { ...nouveau, statut: 'reserve' },
        true,
      );
    });
  } catch (erreur) {
    if (erreur instanceof ConflitCreneau) return echec('CRENEAU_INDISPONIBLE');
    throw erreur;
  }
  deps.signalerCourriels();
  deps.journal.info('rendez-vous.deplacement', { lot: demande.lot, modalite: nouveau.modalite });
  return { ok: true as const };
}
