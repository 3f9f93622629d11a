import { enTransaction } from '../../db/transaction.ts';
import { createHash, timingSafeEqual } from 'node:crypto';
import { join } from 'node:path';
import { acteurCompte, journaliserAction } from '../conseiller/audit.ts';
import type { ConseillerConnecte } from '../conseiller/service.ts';
import { mettreEnFile } from '../courriel/repository.ts';
import type { CourrielCompose } from '../courriel/modele.ts';
import type { Dependances } from '../dependances.ts';
import { erreursDeZod, type ErreurChamp } from '../http/erreurs.ts';
import type { FichierRecu } from '../http/multipart.ts';
import { estDateCivile } from '../calendrier/dates.ts';
import { courrielAccuseReception, courrielDemandePrecisions, courrielEnregistrement, courrielReponse } from './courriels.ts';
import { dateAParis } from '../calendrier/fuseaux.ts';
import { echeances } from './delais.ts';
import { genererNumero, normaliserNumero } from './numero.ts';
import { cheminDefinitif, installerPieces, retirerFichiers, verifierPieces, type PieceVerifiee } from './pieces.ts';
import { depotReclamations, ecrituresDuDepot, type Reclamation } from './repository.ts';
import { schemaDepot, schemaMessageConseiller, schemaPrecisions, type Statut } from './schema.ts';

type Deps = Pick<
  Dependances,
  'db' | 'deploiement' | 'urlPublique' | 'maintenant' | 'journal' | 'signalerCourriels' | 'dossierPiecesJointes'
>;

/** Nom du champ piège : invisible pour les personnes, rempli par les robots (vérifié par la porte, `server/http/porte.ts`). */
export const CHAMP_PIEGE = 'nePasRemplir';

/** Ce que la personne reçoit après l'enregistrement (contrat de `POST /api/reclamations`). */
export interface RecuReclamation {
  numero: string;
  /** Instant de réception, UTC ISO 8601. */
  recueLe: string;
  /** Date civile limite de l'accusé de réception (réception + 7 jours calendaires). */
  accuseReceptionAvant: string;
  /** Date civile limite de la réponse (réception + 45 jours calendaires). */
  reponseAvant: string;
}

/** Le reçu, ou le code d'erreur (`erreurs.ts`) et les erreurs par champ. */
export type ResultatDepot =
  { ok: true; recu: RecuReclamation } | { ok: false; erreur: 'SAISIE_INVALIDE' | 'PIECE_TROP_GROSSE'; erreurs: ErreurChamp[] };

/**
 * Enregistre une réclamation et ses pièces jointes, met en file le courriel d'enregistrement.
 * Tout ou rien : si la vérification échoue, rien n'est écrit et les fichiers temporaires sont supprimés ;
 * l'enregistrement, les pièces et le courriel sont dans une seule transaction, les fichiers ne prennent leur place
 * définitive que dans cette transaction (et sont retirés si elle échoue).
 */
export async function deposerReclamation(
  deps: Deps,
  envoi: { donnees: Record<string, unknown>; fichiers?: FichierRecu[]; tropDeFichiers?: boolean },
): Promise<ResultatDepot> {
  const fichiers = envoi.fichiers ?? [];
  const temporaires = fichiers.map((f) => f.chemin);
  try {
    const verification = await verifierPieces(fichiers, envoi.tropDeFichiers ?? false);
    const donnees = schemaDepot.safeParse(envoi.donnees);
    const erreurs = [...(donnees.success ? [] : erreursDeZod(donnees.error)), ...verification.erreurs];
    if (!donnees.success || erreurs.length > 0) {
      retirerFichiers(temporaires);
      return { ok: false, erreur: verification.tropGros ? 'PIECE_TROP_GROSSE' : 'SAISIE_INVALIDE', erreurs };
    }
    const maintenant = deps.maintenant();
    const dates = echeances(maintenant);
    const installes: string[] = [];
    const enregistrer = () =>
      enTransaction(deps.db, async (tx) => {
        const depot = depotReclamations(tx);
        const ecritures = ecrituresDuDepot(tx);
        const { consentement: _c, ...champs } = donnees.data;
        const valeurs = {
          ...champs,
          telephone: champs.telephone ?? null,
          referenceDossier: champs.referenceDossier ?? null,
          recueLe: maintenant.toISOString(),
          ...dates,
        };
        const reclamation = await creerAvecNumeroLibre(
          (numero) => ecritures.creer({ ...valeurs, numero }),
          Number(dates.dateReception.slice(0, 4)),
        );
        const numero = reclamation.numero;
        await ecritures.ajouterEvenement({
          reclamationId: reclamation.id,
          horodatage: maintenant.toISOString(),
          type: 'depot',
          auteur: 'usager',
          message: reclamation.description,
        });
        await envoyer(
          tx,
          reclamation,
          'reclamation.enregistrement',
          courrielEnregistrement(deps, reclamation, verification.pieces.length),
          maintenant,
        );
        installes.push(...(await rangerPieces(depot, deps.dossierPiecesJointes, reclamation, verification.pieces)));
        return { numero, recueLe: reclamation.recueLe, accuseReceptionAvant: dates.accuseReceptionAvant, reponseAvant: dates.reponseAvant };
      });
    let recu: RecuReclamation;
    try {
      recu = await enregistrer();
    } catch (erreur) {
      // La validation (COMMIT) a échoué après l'installation : on ne laisse aucun fichier sans enregistrement.
      retirerFichiers(installes);
      throw erreur;
    }
    deps.signalerCourriels();
    deps.journal.info('reclamation.depot', { numero: recu.numero, pieces: verification.pieces.length });
    return { ok: true, recu };
  } finally {
    // Après une installation réussie, les temporaires n'existent plus ; sinon on les retire.
    retirerFichiers(temporaires);
  }
}

/**
 * Inscrit les pièces vérifiées d'une réclamation et met leurs fichiers à leur place définitive (dans la transaction de
 * l'appelant : si elle échoue ensuite, l'appelant retire les fichiers rendus).
 * @returns les chemins absolus des fichiers installés.
 */
export async function rangerPieces(
  depot: ReturnType<typeof depotReclamations>,
  dossierPieces: string,
  reclamation: Pick<Reclamation, 'id' | 'dateReception'>,
  pieces: PieceVerifiee[],
): Promise<string[]> {
  const deplacements: { depuis: string; vers: string }[] = [];
  for (const p of pieces) {
    const vers = cheminDefinitif(reclamation.dateReception.slice(0, 4), p.type);
    await depot.ajouterPiece({
      reclamationId: reclamation.id,
      nom: p.nom,
      type: p.type,
      taille: p.taille,
      empreinte: p.empreinte,
      chemin: vers,
    });
    deplacements.push({ depuis: p.cheminTemporaire, vers });
  }
  installerPieces(dossierPieces, deplacements);
  return deplacements.map((d) => join(dossierPieces, d.vers));
}

/**
 * Insère avec un numéro tiré au hasard ; un tirage déjà pris (rarissime : `creer` rend alors `undefined`) est
 * simplement refait, cinq fois au plus.
 */
export async function creerAvecNumeroLibre(
  creer: (numero: string) => Promise<Reclamation | undefined>,
  annee: number,
): Promise<Reclamation> {
  for (let essai = 1; essai <= 5; essai++) {
    const creee = await creer(genererNumero(annee));
    if (creee) return creee;
  }
  throw new Error('Cinq numéros de réclamation tirés de suite étaient déjà pris.');
}

/** Met le courriel en file ; une réclamation reçue par courrier sans adresse électronique n'en reçoit pas (réponse par lettre). */
export async function envoyer(
  tx: Parameters<typeof mettreEnFile>[0],
  r: Reclamation,
  categorie: string,
  courriel: CourrielCompose,
  maintenant: Date,
) {
  if (r.email === null) return;
  await mettreEnFile(tx, { ...courriel, destinataire: r.email, categorie, reference: r.numero, envoyerApres: maintenant.toISOString() });
}

const empreinte = (t: string) => createHash('sha256').update(t.trim().toLowerCase()).digest();

/**
 * La réclamation d'un numéro, seulement si l'adresse électronique est la sienne. Un numéro inconnu et une mauvaise
 * adresse donnent le même résultat, après le même travail (une lecture, une comparaison à temps constant).
 */
export async function trouverReclamation(
  deps: Pick<Dependances, 'db'>,
  numeroSaisi: string,
  emailSaisi: string,
): Promise<Reclamation | undefined> {
  const numero = normaliserNumero(numeroSaisi.slice(0, 40)) ?? 'R-0000-000000';
  const trouvee = await depotReclamations(deps.db).parNumero(numero);
  const attendue = empreinte(trouvee?.email ?? 'personne@exemple.invalid');
  const egale = timingSafeEqual(attendue, empreinte(emailSaisi.slice(0, 254)));
  // Une réclamation reçue par courrier sans adresse ne se suit pas en ligne : aucune adresse saisie ne l'ouvre.
  return trouvee && trouvee.email !== null && egale ? trouvee : undefined;
}

/** Tout le dossier d'une réclamation : elle, son historique, ses pièces. */
export async function dossierReclamation(deps: Pick<Dependances, 'db'>, reclamation: Reclamation) {
  const depot = depotReclamations(deps.db);
  return { reclamation, evenements: await depot.evenements(reclamation.id), pieces: await depot.pieces(reclamation.id) };
}
export type DossierReclamation = Awaited<ReturnType<typeof dossierReclamation>>;

/** Chemin absolu du fichier d'une pièce jointe. */
export const fichierDePiece = (deps: Pick<Dependances, 'dossierPiecesJointes'>, chemin: string) => join(deps.dossierPiecesJointes, chemin);

/** La personne apporte les précisions demandées (depuis la page de suivi). */
export async function apporterPrecisions(
  deps: Deps,
  reclamation: Reclamation,
  message: unknown,
): Promise<{ ok: true } | { ok: false; erreur: 'PRECISIONS_NON_DEMANDEES' | 'SAISIE_INVALIDE'; erreurs?: ErreurChamp[] }> {
  if (reclamation.statut !== 'precisions-demandees') return { ok: false, erreur: 'PRECISIONS_NON_DEMANDEES' };
  const lu = schemaPrecisions.safeParse({ message });
  if (!lu.success) return { ok: false, erreur: 'SAISIE_INVALIDE', erreurs: erreursDeZod(lu.error) };
  const maintenant = deps.maintenant().toISOString();
  await enTransaction(deps.db, async (tx) => {
    const depot = depotReclamations(tx);
    await depot.modifier(reclamation.id, { statut: 'accusee', modifieLe: maintenant });
    await depot.ajouterEvenement({
      reclamationId: reclamation.id,
      horodatage: maintenant,
      type: 'precisions',
      auteur: 'usager',
      message: lu.data.message,
    });
  });
  return { ok: true };
}

/** Ce qu'un conseiller peut faire sur une réclamation. */
export type ActionConseiller =
  | { type: 'accuser-reception'; message?: string }
  | { type: 'demander-precisions'; message: string }
  | { type: 'repondre'; message: string }
  | { type: 'cloturer' }
  | { type: 'mediateur-demande-dossier'; date: string };

/** L'étape d'historique que laisse chaque action. */
const TYPE_EVENEMENT = {
  'accuser-reception': 'accuse-reception',
  'demander-precisions': 'demande-precisions',
  repondre: 'reponse',
  cloturer: 'cloture',
  'mediateur-demande-dossier': 'mediateur-demande-dossier',
} as const;

/** Les statuts depuis lesquels chaque action est permise. */
export const ACTIONS_PERMISES: Record<ActionConseiller['type'], Statut[]> = {
  'accuser-reception': ['recue'],
  'demander-precisions': ['recue', 'accusee', 'precisions-demandees'],
  repondre: ['recue', 'accusee', 'precisions-demandees'],
  cloturer: ['repondue'],
  'mediateur-demande-dossier': ['recue', 'accusee', 'precisions-demandees', 'repondue', 'close'],
};

/** Fait, ou le code d'erreur (`erreurs.ts`) et, pour une saisie, les erreurs par champ. */
export type ResultatAction =
  { ok: true } | { ok: false; erreur: 'RECLAMATION_INCONNUE' | 'ACTION_IMPOSSIBLE' | 'SAISIE_INVALIDE'; erreurs?: ErreurChamp[] };

/**
 * Une action de l'espace conseiller : change l'état, ajoute l'étape à l'historique (horodatée), écrit le journal
 * d'audit et met en file le courriel à la personne, dans une seule transaction.
 */
export async function agirSurReclamation(
  deps: Deps,
  conseiller: Pick<ConseillerConnecte, 'id'>,
  numero: string,
  action: ActionConseiller,
): Promise<ResultatAction> {
  const reclamation = await depotReclamations(deps.db).parNumero(numero);
  if (!reclamation)
    return {
      ok: false,
      erreur: 'RECLAMATION_INCONNUE',
      erreurs: [{ champ: 'requete', message: `La réclamation ${numero} n’existe pas.` }],
    };
  if (!ACTIONS_PERMISES[action.type].includes(reclamation.statut)) return { ok: false, erreur: 'ACTION_IMPOSSIBLE' };
  const maintenant = deps.maintenant();
  const preparee = preparerAction(deps, reclamation, action, maintenant);
  if (!preparee.ok) return preparee;
  await enTransaction(deps.db, async (tx) => {
    const depot = depotReclamations(tx);
    await depot.modifier(reclamation.id, { ...preparee.modification, modifieLe: maintenant.toISOString() });
    await depot.ajouterEvenement({
      reclamationId: reclamation.id,
      horodatage: maintenant.toISOString(),
      type: TYPE_EVENEMENT[action.type],
      auteur: acteurCompte(conseiller.id),
      message: preparee.message,
    });
    await journaliserAction(tx, {
      acteur: acteurCompte(conseiller.id),
      action: `reclamation.${action.type}`,
      cible: reclamation.numero,
      details: { statut: preparee.modification.statut ?? reclamation.statut },
      horodatage: maintenant.toISOString(),
    });
    if (preparee.courriel)
      await envoyer(tx, reclamation, `reclamation.${action.type}`, preparee.courriel({ ...reclamation, ...preparee.modification }), maintenant);
  });
  if (preparee.courriel) deps.signalerCourriels();
  return { ok: true };
}

type Preparation =
  | { ok: true; modification: Partial<Reclamation>; message: string | null; courriel?: (r: Reclamation) => CourrielCompose }
  | { ok: false; erreur: 'SAISIE_INVALIDE'; erreurs: ErreurChamp[] };

function preparerAction(deps: Deps, r: Reclamation, action: ActionConseiller, maintenant: Date): Preparation {
  const instant = maintenant.toISOString();
  if (action.type === 'cloturer') return { ok: true, modification: { statut: 'close', closeLe: instant }, message: null };
  if (action.type === 'mediateur-demande-dossier') {
    if (r.mediateurDemandeLe)
      return {
        ok: false,
        erreur: 'SAISIE_INVALIDE',
        erreurs: [{ champ: 'date', message: `La demande du médiateur est déjà enregistrée (le ${r.mediateurDemandeLe}).` }],
      };
    const aujourdHui = dateAParis(maintenant);
    if (!estDateCivile(action.date) || action.date < r.dateReception || action.date > aujourdHui) {
      return {
        ok: false,
        erreur: 'SAISIE_INVALIDE',
        erreurs: [
          {
            champ: 'date',
            message: `Indiquez la date de la demande du médiateur, entre le ${r.dateReception} et aujourd’hui, au format AAAA-MM-JJ.`,
          },
        ],
      };
    }
    return {
      ok: true,
      modification: { mediateurDemandeLe: action.date },
      message: `Le médiateur de France compétences a demandé le dossier le ${action.date}.`,
    };
  }
  const lu = schemaMessageConseiller(action.type !== 'accuser-reception').safeParse(action.message ?? '');
  if (!lu.success)
    return { ok: false, erreur: 'SAISIE_INVALIDE', erreurs: erreursDeZod(lu.error).map((e) => ({ ...e, champ: 'message' })) };
  const message = lu.data;
  const accuseLe = r.accuseLe ?? instant;
  if (action.type === 'accuser-reception') {
    return {
      ok: true,
      modification: { statut: 'accusee', accuseLe: instant },
      message: message || null,
      courriel: (x) => courrielAccuseReception(deps, x, message),
    };
  }
  if (action.type === 'demander-precisions') {
    return {
      ok: true,
      modification: { statut: 'precisions-demandees', accuseLe },
      message,
      courriel: (x) => courrielDemandePrecisions(deps, x, message),
    };
  }
  return {
    ok: true,
    modification: { statut: 'repondue', reponduLe: instant },
    message,
    courriel: (x) => courrielReponse(deps, x, message, maintenant),
  };
}
