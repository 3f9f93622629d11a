import { enTransaction } from '../../db/transaction.ts';
import { z } from 'zod';
import { ajouterJours, ajouterMois, estDateCivile, type DateCivile } from '../calendrier/dates.ts';
import { dateLongue } from '../calendrier/formats.ts';
import { dateAParis, FUSEAU_PARIS, instantLocal } from '../calendrier/fuseaux.ts';
import { acteurCompte, journaliserAction } from '../conseiller/audit.ts';
import type { ConseillerConnecte } from '../conseiller/service.ts';
import { erreursDeZod, type ErreurChamp } from '../http/erreurs.ts';
import type { FichierRecu } from '../http/multipart.ts';
import type { ReglesPorte } from '../http/porte.ts';
import type { Dependances } from '../dependances.ts';
import { courrielEnregistrement } from './courriels.ts';
import { DELAI_ACCUSE_JOURS, DELAI_REPONSE_JOURS } from './delais.ts';
import { dossierTemporaire, PIECES_MAX, retirerFichiers, TAILLE_ENVOI_MAX, TAILLE_PIECE_MAX, verifierPieces } from './pieces.ts';
import { depotReclamations, type Reclamation } from './repository.ts';
import { schemaDepot } from './schema.ts';
import { creerAvecNumeroLibre, envoyer, rangerPieces } from './service.ts';

/** Au-delà de ces mois avant aujourd'hui, une date de réception est une faute de frappe (l'année, le plus souvent). */
export const ANCIENNETE_COURRIER_MAX_MOIS = 3;

/**
 * La porte du formulaire `/espace-conseiller/reclamations/courrier` : les champs et le scan de la lettre (3 fichiers de
 * 5 Mo au plus, les mêmes règles que le dépôt en ligne). Le middleware de l'espace conseiller la prend pour ce chemin.
 */
export function reglesCourrier(deps: Pick<Dependances, 'dossierPiecesJointes'>): ReglesPorte {
  return {
    corps: {
      formulaire: 64 * 1024,
      fichiers: {
        champs: ['pieces'],
        nombre: PIECES_MAX,
        tailleFichier: TAILLE_PIECE_MAX,
        tailleTotale: TAILLE_ENVOI_MAX,
        dossier: dossierTemporaire(deps.dossierPiecesJointes),
      },
      messageTropGros:
        'Envoi trop volumineux : 3 fichiers de 5 Mo au plus. Scannez la lettre en PDF noir et blanc, ou en moins de pages par fichier.',
    },
  };
}

/** Un caractère de contrôle autre qu'un retour à la ligne (une adresse postale a plusieurs lignes). */
const invisible = (c: string) => c !== '\n' && c !== '\r' && /\p{Cc}/u.test(c);

const vide = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** Une réclamation reçue par courrier, saisie par un conseiller (cahier des charges §3.7 : une lettre est écrite). */
export const schemaCourrier = schemaDepot.omit({ email: true, consentement: true }).extend({
  /** Jour où la lettre est arrivée (tampon du courrier), `AAAA-MM-JJ` : les délais de 7 et 45 jours en partent. */
  dateReception: z
    .string({ error: 'Indiquez la date de réception de la lettre.' })
    .trim()
    .refine(estDateCivile, 'Indiquez la date de réception de la lettre au format AAAA-MM-JJ, par exemple 2026-12-04.'),
  /** Adresse électronique, si la lettre en donne une : l'accusé et la réponse partent alors par courriel. */
  email: z.preprocess(vide, schemaDepot.shape.email.optional()),
  /** Adresse postale : obligatoire sans adresse électronique (l'accusé de réception est imprimé et posté). */
  adressePostale: z.preprocess(
    vide,
    z
      .string()
      .trim()
      .max(300, '300 caractères au plus pour l’adresse postale.')
      .refine((t) => ![...t].some(invisible), 'Cette adresse contient des caractères invisibles : retapez-la.')
      // Un formulaire envoie ses retours à la ligne en CRLF : on garde des lignes simples.
      .transform((t) => t.replace(/\r\n?/g, '\n'))
      .optional(),
  ),
});
export type ReclamationParCourrier = z.infer<typeof schemaCourrier>;

/** Ce qu'affiche la page après l'enregistrement. */
export interface RecuCourrier {
  numero: string;
  accuseReceptionAvant: DateCivile;
  reponseAvant: DateCivile;
  /** Vrai quand la personne n'a pas donné d'adresse : l'accusé de réception est à imprimer (PDF). */
  accuseAImprimer: boolean;
}

export type ResultatCourrier =
  { ok: true; recu: RecuCourrier } | { ok: false; erreur: 'SAISIE_INVALIDE' | 'PIECE_TROP_GROSSE'; erreurs: ErreurChamp[] };

/**
 * Les erreurs de date et de coordonnées qu'un schéma ne voit pas : la date de réception ni future ni de plus de
 * `ANCIENNETE_COURRIER_MAX_MOIS` mois, une adresse postale quand il n'y a pas d'adresse électronique.
 */
export function controlesCourrier(d: ReclamationParCourrier, aujourdHui: DateCivile): ErreurChamp[] {
  const erreurs: ErreurChamp[] = [];
  const auPlusTot = ajouterMois(aujourdHui, -ANCIENNETE_COURRIER_MAX_MOIS);
  if (d.dateReception > aujourdHui)
    erreurs.push({
      champ: 'dateReception',
      message: `La date de réception ne peut pas être après aujourd’hui (${dateLongue(aujourdHui)}) : indiquez le jour où la lettre est arrivée.`,
    });
  else if (d.dateReception < auPlusTot)
    erreurs.push({
      champ: 'dateReception',
      message: `La date de réception est de plus de ${ANCIENNETE_COURRIER_MAX_MOIS} mois (avant le ${dateLongue(auPlusTot)}) : vérifiez l’année, puis indiquez le jour où la lettre est arrivée.`,
    });
  if (!d.email && !d.adressePostale)
    erreurs.push({
      champ: 'adressePostale',
      message: 'Indiquez l’adresse postale de la personne (sans adresse électronique, l’accusé de réception lui est envoyé par la poste).',
    });
  return erreurs;
}

/**
 * Un conseiller enregistre une réclamation reçue par lettre : la date de réception tapée fait partir les délais de 7 et
 * 45 jours, le scan de la lettre est joint (obligatoire), le canal est `courrier`. Avec une adresse électronique, la
 * personne reçoit le courriel d'enregistrement habituel ; sans, l'accusé de réception est à imprimer (`pdfAccuseCourrier`).
 * Tout ou rien, tracé au journal d'audit.
 */
export async function enregistrerReclamationCourrier(
  deps: Pick<Dependances, 'db' | 'deploiement' | 'urlPublique' | 'maintenant' | 'journal' | 'signalerCourriels' | 'dossierPiecesJointes'>,
  conseiller: Pick<ConseillerConnecte, 'id'>,
  envoi: { donnees: Record<string, unknown>; fichiers: FichierRecu[]; tropDeFichiers: boolean },
): Promise<ResultatCourrier> {
  const temporaires = envoi.fichiers.map((f) => f.chemin);
  try {
    const maintenant = deps.maintenant();
    const aujourdHui = dateAParis(maintenant);
    const verification = await verifierPieces(envoi.fichiers, envoi.tropDeFichiers);
    const lu = schemaCourrier.safeParse(envoi.donnees);
    const erreurs = [...(lu.success ? controlesCourrier(lu.data, aujourdHui) : erreursDeZod(lu.error)), ...verification.erreurs];
    if (envoi.fichiers.length === 0)
      erreurs.push({
        champ: 'pieces',
        message: 'Joignez le scan de la lettre (PDF, JPEG ou PNG) : il fait foi de ce que la personne a écrit.',
      });
    if (!lu.success || erreurs.length > 0)
      return { ok: false, erreur: verification.tropGros ? 'PIECE_TROP_GROSSE' : 'SAISIE_INVALIDE', erreurs };
    const d = lu.data;
    // L'heure de réception d'une lettre n'est pas connue : midi à Paris, sauf le jour même (l'instant de la saisie).
    const recueLe = d.dateReception === aujourdHui ? maintenant : instantLocal(d.dateReception, '12:00', FUSEAU_PARIS);
    const installes: string[] = [];
    let reclamation: Reclamation;
    try {
      reclamation = await enTransaction(deps.db, async (tx) => {
        const depot = depotReclamations(tx);
        const r = await creerAvecNumeroLibre(
          (numero) =>
            depot.creerSiNumeroLibre({
              numero,
              canal: 'courrier',
              recueLe: recueLe.toISOString(),
              dateReception: d.dateReception,
              accuseReceptionAvant: ajouterJours(d.dateReception, DELAI_ACCUSE_JOURS),
              reponseAvant: ajouterJours(d.dateReception, DELAI_REPONSE_JOURS),
              nom: d.nom,
              prenom: d.prenom,
              email: d.email ?? null,
              telephone: d.telephone ?? null,
              adressePostale: d.adressePostale ?? null,
              referenceDossier: d.referenceDossier ?? null,
              motif: d.motif,
              description: d.description,
              // L'export quotidien la prend le jour de la saisie, même pour une lettre reçue avant.
              modifieLe: maintenant.toISOString(),
            }),
          Number(d.dateReception.slice(0, 4)),
        );
        await depot.ajouterEvenement({
          reclamationId: r.id,
          horodatage: maintenant.toISOString(),
          type: 'depot',
          auteur: acteurCompte(conseiller.id),
          message: r.description,
        });
        await journaliserAction(tx, {
          acteur: acteurCompte(conseiller.id),
          action: 'reclamation.courrier',
          cible: r.numero,
          details: { dateReception: r.dateReception, pieces: verification.pieces.length, courriel: r.email !== null },
          horodatage: maintenant.toISOString(),
        });
        await envoyer(tx, r, 'reclamation.enregistrement', courrielEnregistrement(deps, r, verification.pieces.length), maintenant);
        installes.push(...(await rangerPieces(depot, deps.dossierPiecesJointes, r, verification.pieces)));
        return r;
      });
    } catch (erreur) {
      retirerFichiers(installes);
      throw erreur;
    }
    if (reclamation.email) deps.signalerCourriels();
    deps.journal.info('reclamation.courrier', { numero: reclamation.numero, pieces: verification.pieces.length });
    return {
      ok: true,
      recu: {
        numero: reclamation.numero,
        accuseReceptionAvant: reclamation.accuseReceptionAvant,
        reponseAvant: reclamation.reponseAvant,
        accuseAImprimer: reclamation.email === null,
      },
    };
  } finally {
    retirerFichiers(temporaires);
  }
}
