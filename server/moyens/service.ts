import { enTransaction } from '../../db/transaction.ts';
import { acteurCompte, journaliserAction } from '../conseiller/audit.ts';
import type { ConseillerConnecte } from '../conseiller/service.ts';
import type { DateCivile } from '../calendrier/dates.ts';
import { dateAParis } from '../calendrier/fuseaux.ts';
import type { Dependances } from '../dependances.ts';
import type { FichierDecrit } from '../export/quotidien.ts';
import type { EchecCasUsage, ErreurChamp } from '../http/erreurs.ts';
import type { CibleFtps } from '../transmission/cible.ts';
import type { Reprises } from '../transmission/ftps.ts';
import { depotTransmissions } from '../transmission/repository.ts';
import { deposerEtEnregistrer } from '../transmission/service.ts';
import { ERREURS_MOYENS, type ErreurMoyens } from './erreurs.ts';
import { ecrireMoyens } from './fichiers.ts';
import { depotMoyens, releveNonDepose, type ReleveEnregistre } from './repository.ts';
import { CHAMPS_NOMBRES, ligneVide, schemaSaisie, schemaSemestre, type Releve, type Saisie } from './schema.ts';

type Echec = { ok: false } & EchecCasUsage<ErreurMoyens>;
type DepsMoyens = Pick<Dependances, 'db' | 'maintenant'>;
/** Qui agit : un compte de l'espace conseiller (seul un responsable peut). */
type Responsable = Pick<ConseillerConnecte, 'id' | 'role'>;

/** Le semestre d'une date. @example semestreDe('2026-12-06') === '2026-S2' */
export const semestreDe = (date: DateCivile) => `${date.slice(0, 4)}-S${Number(date.slice(5, 7)) <= 6 ? 1 : 2}`;

/** Le semestre d'avant. @example semestrePrecedent('2027-S1') === '2026-S2' */
export function semestrePrecedent(semestre: string): string {
  const annee = Number(semestre.slice(0, 4));
  return semestre.endsWith('S2') ? `${annee}-S1` : `${annee - 1}-S2`;
}

/** Lit un semestre saisi (`AAAA-S1` ou `AAAA-S2`). */
export function lireSemestre(texte: string): { ok: true; semestre: string } | Echec {
  const lu = schemaSemestre.safeParse(texte.trim().toUpperCase());
  return lu.success ? { ok: true, semestre: lu.data } : { ok: false, erreur: 'SEMESTRE_INVALIDE' };
}

/** « 2e semestre 2026 ». */
export const libelleSemestre = (semestre: string) => `${semestre.endsWith('S1') ? '1er' : '2e'} semestre ${semestre.slice(0, 4)}`;

/**
 * Les implantations de la configuration (`sites` du déploiement), pour préremplir un semestre jamais saisi : nom, code
 * postal lu dans l'adresse (sinon le premier de la commune), effectif à saisir.
 */
export function implantationsConfigurees(deps: Pick<Dependances, 'deploiement' | 'referentiel'>): Saisie['implantations'] {
  return deps.deploiement.sites.map((site) => {
    const dansAdresse = site.adresse.map((ligne) => /\b(\d{5})\b/.exec(ligne)?.[1]).findLast(Boolean);
    return { nom: site.nom, codePostal: dansAdresse ?? deps.referentiel.commune(site.commune)?.codesPostaux[0] ?? '', effectif: '' };
  });
}

const NOMBRE_SAISI = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2, useGrouping: false });

/** Un relevé enregistré remis en texte de formulaire (virgule décimale). */
export function saisieDuReleve(releve: Releve): Saisie {
  const nombres = releve as unknown as Record<string, number>;
  return {
    scalaires: Object.fromEntries(CHAMPS_NOMBRES.map((c) => [c.cle, NOMBRE_SAISI.format(nombres[c.cle] ?? 0)])),
    implantations: releve.implantations.map((i) => ({ nom: i.nom, codePostal: i.codePostal, effectif: String(i.effectif) })),
    autresPoints: releve.autresPoints.join(', '),
  };
}

/** La saisie d'un semestre jamais enregistré : nombres vides, implantations de la configuration. */
export const saisieInitiale = (deps: Pick<Dependances, 'deploiement' | 'referentiel'>): Saisie => ({
  scalaires: Object.fromEntries(CHAMPS_NOMBRES.map((c) => [c.cle, ''])),
  implantations: implantationsConfigurees(deps),
  autresPoints: '',
});

/**
 * Valide la saisie : les lignes d'implantation vides sont ignorées, les erreurs désignent les champs de la page
 * (`etpUo01`, `implantations-2-codePostal`, `autresPoints`).
 */
export function validerSaisie(saisie: Saisie): { ok: true; releve: Releve } | { ok: false; erreurs: ErreurChamp[] } {
  const rangs = saisie.implantations.flatMap((l, i) => (ligneVide(l) ? [] : [i]));
  const lu = schemaSaisie.safeParse({ ...saisie, implantations: rangs.map((i) => saisie.implantations[i]) });
  if (lu.success) return { ok: true, releve: lu.data };
  const champ = (chemin: PropertyKey[]) => {
    const [tete, rang, cle] = chemin;
    if (tete === 'scalaires') return String(rang);
    if (tete === 'implantations' && typeof rang === 'number') return `implantations-${rangs[rang]}-${String(cle)}`;
    return String(tete ?? 'requete');
  };
  // Une erreur par champ, la première, comme `erreursDeZod`, mais nommée comme le champ de la page.
  const parChamp = new Map<string, string>();
  for (const probleme of lu.error.issues) if (!parChamp.has(champ(probleme.path))) parChamp.set(champ(probleme.path), probleme.message);
  return { ok: false, erreurs: [...parChamp].map(([nom, message]) => ({ champ: nom, message })) };
}

/** Seuls les responsables saisissent et déposent les moyens. */
export const peutDeclarerLesMoyens = (c: Pick<ConseillerConnecte, 'role'>) => c.role === 'manager';

/**
 * Enregistre le relevé d'un semestre (création ou remplacement), tant qu'il n'est pas déposé. Tracé au journal d'audit
 * (qui, quel semestre ; jamais les montants).
 */
export async function enregistrerMoyens(
  deps: DepsMoyens,
  responsable: Responsable,
  semestre: string,
  saisie: Saisie,
): Promise<{ ok: true; releve: ReleveEnregistre } | Echec> {
  if (!peutDeclarerLesMoyens(responsable)) return { ok: false, erreur: 'RESERVE_AUX_RESPONSABLES' };
  // « AAAA-Sn » se compare comme du texte : un semestre après celui d'aujourd'hui n'a rien à déclarer.
  if (semestre > semestreDe(dateAParis(deps.maintenant()))) return { ok: false, erreur: 'SEMESTRE_FUTUR' };
  const valide = validerSaisie(saisie);
  if (!valide.ok) return { ok: false, erreur: 'SAISIE_INVALIDE', erreurs: valide.erreurs };
  return enTransaction(deps.db, async (tx) => {
    const depot = depotMoyens(tx);
    if ((await depot.lire(semestre))?.deposeLe) return { ok: false, erreur: 'DEJA_DEPOSE' } as const;
    const maintenant = deps.maintenant().toISOString();
    await depot.enregistrer(semestre, valide.releve, responsable.id, maintenant);
    await journaliserAction(tx, {
      acteur: acteurCompte(responsable.id),
      action: 'moyens.enregistrement',
      cible: semestre,
      horodatage: maintenant,
    });
    return { ok: true, releve: (await depot.lire(semestre))! } as const;
  });
}

/**
 * Rouvre un relevé déposé pour le corriger : il redevient modifiable et sera déposé comme version suivante. Action
 * explicite d'un responsable, tracée au journal d'audit avec la version rouverte.
 */
export async function rouvrirMoyens(
  deps: DepsMoyens,
  responsable: Responsable,
  semestre: string,
): Promise<{ ok: true; version: number } | Echec> {
  if (!peutDeclarerLesMoyens(responsable)) return { ok: false, erreur: 'RESERVE_AUX_RESPONSABLES' };
  return enTransaction(deps.db, async (tx) => {
    const depot = depotMoyens(tx);
    const releve = await depot.lire(semestre);
    if (!releve) return { ok: false, erreur: 'RELEVE_ABSENT' } as const;
    if (!releve.deposeLe) return { ok: false, erreur: 'PAS_ENCORE_DEPOSE' } as const;
    const version = releve.version + 1;
    await depot.rouvrir(semestre, version);
    await journaliserAction(tx, {
      acteur: acteurCompte(responsable.id),
      action: 'moyens.correction',
      cible: semestre,
      details: { versionDeposee: releve.version, version },
    });
    return { ok: true, version } as const;
  });
}

/** Ce qu'a donné le dépôt des moyens d'un semestre. */
export type ResultatMoyens =
  | { ok: true; semestre: string; etat: 'deja-depose' | 'ecrit' | 'depose'; version: number; fichiers: FichierDecrit[] }
  | (Echec & { message?: string });

/**
 * Écrit le CSV et le manifeste du relevé d'un semestre dans `dossier` et, si une cible est configurée, les dépose sur le
 * point d'échange de France compétences par le même chemin que les fichiers du jour (registre des dépôts, visible sur
 * /espace-conseiller/exports). Un dépôt réussi met le relevé en lecture seule. Un relevé déjà déposé ne l'est pas deux
 * fois, sauf `redeposer` (la même version, à nouveau). `acteur` : `compte:12` depuis la page, `systeme` pour la commande.
 */
export async function deposerMoyens(
  deps: Pick<Dependances, 'db' | 'deploiement' | 'maintenant' | 'journal'>,
  options: { semestre: string; dossier: string; acteur: string; cible?: CibleFtps; redeposer?: boolean; reprises?: Reprises },
): Promise<ResultatMoyens> {
  const { semestre } = options;
  const releve = await depotMoyens(deps.db).lire(semestre);
  if (!releve) return { ok: false, erreur: 'RELEVE_ABSENT' };
  if (releve.deposeLe && !options.redeposer) return { ok: true, semestre, etat: 'deja-depose', version: releve.version, fichiers: [] };
  const instant = deps.maintenant();
  const operateur = deps.deploiement.editeur.identifiant;
  if (!options.cible)
    return {
      ok: true,
      semestre,
      etat: 'ecrit',
      version: releve.version,
      fichiers: ecrireMoyens(releve, { dossier: options.dossier, operateur, instant }),
    };
  // Le dépôt est pris avant l'écriture, comme pour les fichiers du jour : un second « Déposer » (autre responsable,
  // commande, reprise planifiée) n'écrit pas les fichiers que le premier est en train d'envoyer. Un dépôt réussi d'une
  // version précédente ne bloque pas la version corrigée : c'est le relevé qui dit si sa version est déposée.
  const registre = depotTransmissions(deps.db);
  const prise = await registre.commencer('moyens', semestre, instant.toISOString(), [], {
    redeposer: true,
    ...(options.redeposer ? {} : { condition: releveNonDepose(semestre) }),
  });
  if (!prise.ok)
    return prise.raison === 'deja-depose'
      ? { ok: true, semestre, etat: 'deja-depose', version: releve.version, fichiers: [] }
      : { ok: false, erreur: 'DEPOT_EN_COURS', message: ERREURS_MOYENS.DEPOT_EN_COURS.message };
  const depot = prise.id;
  let fichiers: FichierDecrit[];
  try {
    fichiers = ecrireMoyens(releve, { dossier: options.dossier, operateur, instant });
  } catch (erreur) {
    await registre.terminer(depot, {
      fin: deps.maintenant().toISOString(),
      statut: 'echec',
      tentatives: 0,
      message: `Fichier des moyens impossible à écrire : ${(erreur as Error).message}`,
    });
    throw erreur;
  }
  const r = await deposerEtEnregistrer(deps, {
    genre: 'moyens',
    periode: semestre,
    dossier: options.dossier,
    fichiers,
    cible: options.cible,
    reprises: options.reprises,
    depot,
    // Le relevé passe en lecture seule dans la transaction qui clôt le dépôt réussi : une prise qui suit voit les deux.
    auSucces: async (tx) => {
      await depotMoyens(tx).marquerDepose(semestre, deps.maintenant().toISOString());
      await journaliserAction(tx, {
        acteur: options.acteur,
        action: releve.deposeLe ? 'moyens.redepot' : 'moyens.depot',
        cible: semestre,
        details: { version: releve.version, fichiers: fichiers.length },
      });
    },
  });
  if (!r.ok) {
    const message = `Le dépôt des moyens du ${libelleSemestre(semestre)} a échoué : ${r.message} Le relevé reste modifiable ; le dépôt sera repris au prochain passage du travail « export » planifié, ou déposez-le à nouveau plus tard.`;
    return { ok: false, erreur: 'DEPOT_ECHOUE', erreurs: [{ champ: 'requete', message }], message };
  }
  return { ok: true, semestre, etat: 'depose', version: releve.version, fichiers };
}
