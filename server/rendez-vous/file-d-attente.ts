import { enTransaction } from '../../db/transaction.ts';
import { z } from 'zod';
import { ajouterJours, ajouterMois, estDateCivile, premierDuMois, type DateCivile } from '../calendrier/dates.ts';
import { dateAParis, dateLocale, fuseauDuTerritoire } from '../calendrier/fuseaux.ts';
import { compterJoursOuvres, compteurDeJoursOuvres } from '../calendrier/jours-ouvres.ts';
import type { TerritoireCalendrier } from '../calendrier/territoire.ts';
import { territoireDuDepartement } from '../calendrier/territoire.ts';
import { acteurCompte, journaliserAction } from '../conseiller/audit.ts';
import type { ConseillerConnecte } from '../conseiller/service.ts';
import { depotConseillers } from '../conseiller/repository.ts';
import type { Dependances } from '../dependances.ts';
import { valeurPropre } from '../texte/table.ts';
import { annulerRappel, courrielReorientation } from './courriels.ts';
import type { Redirection } from './eligibilite.ts';
import { depotRendezVous, type Creneau, type Demande } from './repository.ts';
import { DELAI_JOURS_OUVRES } from './echeance.ts';

type Deps = Pick<Dependances, 'db' | 'deploiement' | 'referentiel' | 'maintenant' | 'urlPublique' | 'signalerCourriels' | 'journal'>;

/** Une demande est « à risque » quand il reste 5 jours ouvrés ou moins avant l'échéance. */
export const SEUIL_A_RISQUE = 5;

export type EtatDelai = 'en-retard' | 'a-risque' | 'dans-les-delais';

/** Le territoire (jours fériés, fuseau) de la commune d'une demande. */
function territoireDe(deps: Pick<Dependances, 'referentiel'>, codeCommune: string) {
  return territoireDuDepartement(deps.referentiel.commune(codeCommune)?.departement ?? '');
}

/** Jours ouvrés restants jusqu'à l'échéance (négatif quand elle est dépassée) et l'état qui en découle. */
export function delaiRestant(
  aujourdHui: DateCivile,
  echeance: DateCivile,
  territoire: ReturnType<typeof territoireDuDepartement>,
): { joursRestants: number; etat: EtatDelai } {
  const joursRestants = compterJoursOuvres(aujourdHui, echeance, territoire);
  return { joursRestants, etat: aujourdHui > echeance ? 'en-retard' : joursRestants <= SEUIL_A_RISQUE ? 'a-risque' : 'dans-les-delais' };
}

export interface LigneFile {
  demande: Demande;
  creneau?: Creneau;
  joursRestants: number;
  etat: EtatDelai;
}

/** La file des demandes sans premier échange, de l'échéance la plus proche à la plus lointaine. */
export async function fileDesDemandes(deps: Pick<Dependances, 'db' | 'deploiement' | 'referentiel' | 'maintenant'>): Promise<LigneFile[]> {
  const maintenant = deps.maintenant();
  return (await depotRendezVous(deps.db).demandesOuvertes(deps.deploiement.lots)).map(({ demande, creneau }) => {
      const territoire = territoireDe(deps, demande.commune);
      return {
        demande,
        ...(creneau ? { creneau } : {}),
        ...delaiRestant(dateLocale(maintenant, fuseauDuTerritoire(territoire)), demande.echeance, territoire),
      };
    });
}

/** Les demandes réorientées ces 90 derniers jours. */
export function demandesReorientees(deps: Pick<Dependances, 'db' | 'deploiement' | 'maintenant'>) {
  const depuis = ajouterJours(dateAParis(deps.maintenant()), -90);
  return depotRendezVous(deps.db).demandesReorientees(deps.deploiement.lots, depuis);
}

/** Une demande pour l'espace conseiller ; la consultation (données personnelles) est tracée. */
export async function consulterDemande(
  deps: Pick<Dependances, 'db' | 'deploiement'>,
  conseiller: Pick<ConseillerConnecte, 'id'>,
  reference: string,
) {
  const d = depotRendezVous(deps.db);
  const demande = await d.demandeParReference(reference);
  if (!demande || !deps.deploiement.lots.includes(demande.lot)) return undefined;
  await journaliserAction(deps.db, { acteur: acteurCompte(conseiller.id), action: 'rendez-vous.consultation', cible: reference });
  const creneau = demande.creneauId ? await d.creneau(demande.creneauId) : undefined;
  return { demande, ...(creneau ? { creneau } : {}) };
}

/** La demande ouverte d'un lot servi, ou l'erreur à montrer. */
async function demandeOuverte(
  deps: Pick<Dependances, 'db' | 'deploiement'>,
  reference: string,
  siClose: string,
): Promise<{ ok: true; demande: Demande } | { ok: false; champ: string; message: string }> {
  const demande = await depotRendezVous(deps.db).demandeParReference(reference);
  if (!demande || !deps.deploiement.lots.includes(demande.lot))
    return { ok: false, champ: 'requete', message: 'Cette demande n’existe pas.' };
  if (demande.statut !== 'ouverte') return { ok: false, champ: 'requete', message: siClose };
  return { ok: true, demande };
}

/** Canaux d'un premier échange (annexe 2, « mode de contact »). */
export const CANAUX = ['presentiel', 'telephone', 'visio', 'courriel'] as const;
export const LIBELLES_CANAL: Record<(typeof CANAUX)[number], string> = {
  presentiel: 'En face à face',
  telephone: 'Téléphone',
  visio: 'Visioconférence',
  courriel: 'Courriel',
};

export const schemaPremierEchange = z.object({
  date: z
    .string({ error: 'Indiquez la date de l’échange.' })
    .refine(estDateCivile, 'La date doit exister et être au format AAAA-MM-JJ, par exemple 2026-11-23.'),
  canal: z.enum(CANAUX, { error: 'Choisissez le canal de l’échange.' }),
  compteId: z.coerce
    .number({ error: 'Choisissez le conseiller ou la conseillère.' })
    .int()
    .positive('Choisissez le conseiller ou la conseillère.'),
});

export type ResultatAction = { ok: true } | { ok: false; champ: string; message: string };

/** Enregistre le premier échange : le délai s'arrête. */
export async function enregistrerPremierEchange(
  deps: Deps,
  conseiller: Pick<ConseillerConnecte, 'id'>,
  reference: string,
  saisie: z.infer<typeof schemaPremierEchange>,
): Promise<ResultatAction> {
  const trouvee = await demandeOuverte(deps, reference, 'Le premier échange de cette demande est déjà enregistré, ou la demande est close.');
  if (!trouvee.ok) return trouvee;
  const { demande } = trouvee;
  const territoire = territoireDe(deps, demande.commune);
  const aujourdHui = dateLocale(deps.maintenant(), fuseauDuTerritoire(territoire));
  if (saisie.date < demande.dateDemande)
    return { ok: false, champ: 'date', message: `L’échange ne peut pas précéder la demande (${demande.dateDemande}).` };
  if (saisie.date > aujourdHui)
    return { ok: false, champ: 'date', message: 'L’échange ne peut pas être dans le futur : enregistrez-le une fois qu’il a eu lieu.' };
  const compte = await depotConseillers(deps.db).compteParId(saisie.compteId);
  if (!compte?.actif) return { ok: false, champ: 'compteId', message: 'Choisissez un conseiller ou une conseillère dans la liste.' };
  await enTransaction(deps.db, async (tx) => {
    await depotRendezVous(tx).modifierDemande(demande.id, {
      statut: 'premier-echange',
      premierEchangeLe: saisie.date,
      premierEchangeCanal: saisie.canal,
      premierEchangeCompteId: compte.id,
      modifieLe: deps.maintenant().toISOString(),
    });
    await journaliserAction(tx, {
      acteur: acteurCompte(conseiller.id),
      action: 'rendez-vous.premier-echange',
      cible: reference,
      details: {
        canal: saisie.canal,
        conseiller: acteurCompte(compte.id),
        delaiJoursOuvres: compterJoursOuvres(demande.dateDemande, saisie.date, territoire),
      },
    });
  });
  return { ok: true };
}

/** Opérateurs vers lesquels réorienter (codes de DESIGN §1). */
export const OPERATEURS_REORIENTATION: Record<string, Pick<Redirection, 'nom' | 'contact'>> = {
  'france-travail': { nom: 'France Travail', contact: { libelle: 'francetravail.fr', url: 'https://www.francetravail.fr/' } },
  apec: { nom: 'l’Apec', contact: { libelle: 'apec.fr', url: 'https://www.apec.fr/' } },
  'mission-locale': { nom: 'la Mission locale', contact: { libelle: 'unml.info', url: 'https://www.unml.info/' } },
  'cap-emploi': { nom: 'Cap emploi', contact: { libelle: 'capemploi.info', url: 'https://www.capemploi.info/' } },
  'operateur-regional': { nom: 'l’opérateur régional de votre région', contact: { libelle: 'mon-cep.org', url: 'https://mon-cep.org/' } },
  'employeur-public': { nom: 'votre employeur public' },
};

export const schemaReorientation = z.object({
  /** Un code d'opérateur, ou `lot:N` pour un autre lot servi par ce déploiement. */
  vers: z.string({ error: 'Choisissez vers qui réorienter la demande.' }).min(1, 'Choisissez vers qui réorienter la demande.'),
  motif: z
    .string({ error: 'Indiquez la raison de la réorientation.' })
    .trim()
    .min(5, 'Indiquez la raison de la réorientation (5 caractères au moins).')
    .max(500, 'La raison tient en 500 caractères au plus.'),
});

/**
 * Réoriente une demande en gardant son numéro de dossier, sa date de demande et son échéance (le délai continue de courir) :
 * vers un autre lot servi (elle reste dans la file), ou vers un autre opérateur (elle en sort, la personne est prévenue).
 */
export async function reorienterDemande(
  deps: Deps,
  conseiller: Pick<ConseillerConnecte, 'id'>,
  reference: string,
  saisie: z.infer<typeof schemaReorientation>,
): Promise<ResultatAction> {
  const trouvee = await demandeOuverte(deps, reference, 'Cette demande est close : elle ne peut plus être réorientée.');
  if (!trouvee.ok) return trouvee;
  const { demande } = trouvee;
  const lot = /^lot:(\d+)$/.exec(saisie.vers)?.[1];
  const operateur = valeurPropre(OPERATEURS_REORIENTATION, saisie.vers);
  if (lot ? !deps.deploiement.lots.includes(Number(lot)) || Number(lot) === demande.lot : !operateur) {
    return { ok: false, champ: 'vers', message: 'Choisissez un opérateur ou un lot dans la liste.' };
  }
  const maintenant = deps.maintenant();
  const creneau = demande.creneauId ? await depotRendezVous(deps.db).creneau(demande.creneauId) : undefined;
  const aVenir = creneau && creneau.debut > maintenant.toISOString() ? creneau : undefined;
  await enTransaction(deps.db, async (tx) => {
    const t = depotRendezVous(tx);
    if (lot) {
      await t.modifierDemande(demande.id, { lot: Number(lot), reorientationMotif: saisie.motif, modifieLe: maintenant.toISOString() });
    } else {
      if (aVenir) await t.libererCreneau(aVenir.id, maintenant.toISOString());
      const version = demande.version + 1;
      await t.modifierDemande(demande.id, {
        statut: 'reorientee',
        reorienteeVers: saisie.vers,
        reorientationMotif: saisie.motif,
        creneauId: aVenir ? null : demande.creneauId,
        version,
        modifieLe: maintenant.toISOString(),
      });
      await annulerRappel(tx, reference);
      await courrielReorientation(
        tx,
        { deploiement: deps.deploiement, urlPublique: deps.urlPublique, maintenant },
        { ...demande, version },
        operateur!,
        aVenir,
      );
    }
    await journaliserAction(tx, {
      acteur: acteurCompte(conseiller.id),
      action: 'rendez-vous.reorientation',
      cible: reference,
      details: { vers: saisie.vers },
    });
  });
  if (!lot) deps.signalerCourriels();
  return { ok: true };
}

/** Indicateur 8.4 : délai entre la demande et le premier échange, en jours ouvrés, par lot et par mois de demande. */
export interface LigneIndicateur {
  lot: number;
  /** Mois de la demande, AAAA-MM (ou la clé rendue par `regrouper`, par exemple `2026-S2`). */
  mois: string;
  demandes: number;
  premiersEchanges: number;
  moyenne?: number;
  mediane?: number;
  /** Demandes sans premier échange dont l'échéance est passée : elles comptent hors délai. */
  enRetardSansEchange: number;
  /** Premiers échanges tenus en 30 jours ouvrés (numérateur de `partDansLeDelai`). */
  dansLeDelai: number;
  /** Part des demandes tenues en 30 jours ouvrés, parmi celles dont on sait si le délai est tenu. */
  partDansLeDelai?: number;
}

const arrondi = (n: number) => Math.round(n * 10) / 10;
function mediane(valeurs: number[]): number | undefined {
  if (valeurs.length === 0) return undefined;
  const tri = [...valeurs].sort((a, b) => a - b);
  const milieu = Math.floor(tri.length / 2);
  return tri.length % 2 ? tri[milieu]! : (tri[milieu - 1]! + tri[milieu]!) / 2;
}

/**
 * Calcule l'indicateur sur les demandes faites entre `du` (inclus) et `au` (exclu). Les demandes annulées ou réorientées
 * n'y entrent pas ; une demande sans échange dont l'échéance est passée compte hors délai. Regroupé par lot et par mois
 * de demande, ou par la clé que rend `regrouper` (toute la période : `() => '2026-S2'`).
 */
export async function indicateurDelais(
  deps: Pick<Dependances, 'db' | 'referentiel' | 'maintenant'>,
  periode: { du: DateCivile; au: DateCivile },
  regrouper: (dateDemande: DateCivile) => string = (d) => d.slice(0, 7),
): Promise<LigneIndicateur[]> {
  const groupes = new Map<string, { lot: number; mois: string; demandes: number; delais: number[]; enRetard: number }>();
  const aujourdHui = dateAParis(deps.maintenant());
  // Un compteur par territoire : chaque jour de la période est examiné une fois, pas une fois par demande.
  const compteurs = new Map<TerritoireCalendrier, ReturnType<typeof compteurDeJoursOuvres>>();
  const compteur = (t: TerritoireCalendrier) => compteurs.get(t) ?? compteurs.set(t, compteurDeJoursOuvres(periode.du, t)).get(t)!;
  for (const d of await depotRendezVous(deps.db).demandesPourIndicateur(periode)) {
    const mois = regrouper(d.dateDemande);
    const cle = `${d.lot}|${mois}`;
    const g = groupes.get(cle) ?? { lot: d.lot, mois, demandes: 0, delais: [], enRetard: 0 };
    g.demandes += 1;
    if (d.premierEchangeLe) g.delais.push(compteur(territoireDe(deps, d.commune))(d.dateDemande, d.premierEchangeLe));
    else if (aujourdHui > d.echeance) g.enRetard += 1;
    groupes.set(cle, g);
  }
  return [...groupes.values()]
    .sort((a, b) => a.lot - b.lot || a.mois.localeCompare(b.mois))
    .map((g) => {
      const connus = g.delais.length + g.enRetard;
      const dansLeDelai = g.delais.filter((v) => v <= DELAI_JOURS_OUVRES).length;
      const m = mediane(g.delais);
      return {
        lot: g.lot,
        mois: g.mois,
        demandes: g.demandes,
        premiersEchanges: g.delais.length,
        ...(g.delais.length ? { moyenne: arrondi(g.delais.reduce((s, v) => s + v, 0) / g.delais.length) } : {}),
        ...(m !== undefined ? { mediane: m } : {}),
        enRetardSansEchange: g.enRetard,
        dansLeDelai,
        ...(connus ? { partDansLeDelai: arrondi((dansLeDelai / connus) * 100) / 100 } : {}),
      };
    });
}

/**
 * L'indicateur de délai des douze derniers mois de demande : le mois en cours (à Paris) et les onze précédents.
 * Le 30 novembre à 23 h 30 UTC, il est déjà le 1er décembre à Paris : la période va de janvier à décembre.
 */
export async function indicateurDesDouzeDerniersMois(deps: Pick<Dependances, 'db' | 'referentiel' | 'maintenant'>): Promise<LigneIndicateur[]> {
  const du = ajouterMois(premierDuMois(dateAParis(deps.maintenant())), -11);
  return await indicateurDelais(deps, { du, au: '9999-12-31' });
}
