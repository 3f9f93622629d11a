import ICAL from 'ical.js';
import type { Executeur } from '../../db/client.ts';
import type { Composition, Compositeur, ContexteComposition } from '../courriel/composition.ts';
import { annulerEnAttente, mettreEnFile, mettreEnFileEnsemble, type ACompose, type PieceJointe } from '../courriel/repository.ts';
import { composerCourriel, type Bloc } from '../courriel/modele.ts';
import type { Deploiement } from '../deploiement/schema.ts';
import { afficherCreneau, lieuDuRendezVous } from './creneau-lisible.ts';
import { dateLongue } from '../calendrier/formats.ts';
import { numeroLisible } from './numero-dossier.ts';
import { empreinteJeton, nouveauJeton } from './jeton.ts';
import { LIBELLES_MODALITE } from './schema.ts';
// eslint-disable-next-line no-restricted-syntax -- des constantes du schéma (les mêmes sur les deux moteurs), pas des tables
import { SANS_COURRIEL } from '../../db/schema/rendez-vous.ts';
import { depotRendezVous, type Creneau, type Demande } from './repository.ts';
import type { Redirection } from './eligibilite.ts';

export const CATEGORIES = {
  confirmation: 'rendez-vous.confirmation',
  rappel: 'rendez-vous.rappel',
  modification: 'rendez-vous.modification',
  annulation: 'rendez-vous.annulation',
  reorientation: 'rendez-vous.reorientation',
} as const;

/** Le rappel part deux jours avant le rendez-vous. */
export const AVANCE_RAPPEL_MS = 2 * 24 * 60 * 60 * 1000;

interface Contexte {
  deploiement: Deploiement;
  urlPublique: string;
  maintenant: Date;
}

const lienSuivi = (ctx: Contexte, jeton: string) => `${ctx.urlPublique}/rendez-vous/suivi/${jeton}`;
const siteDe = (ctx: Contexte, creneau: Creneau | undefined) =>
  creneau?.site ? ctx.deploiement.sites.find((s) => s.id === creneau.site) : undefined;

/**
 * L'invitation `.ics` du rendez-vous (RFC 5545, heures en UTC), écrite par ical.js. Même UID pour toute la vie du dossier ;
 * SEQUENCE augmente à chaque changement, METHOD:CANCEL à l'annulation : les agendas mettent l'événement à jour.
 */
export function invitationIcs(ctx: Contexte, demande: Demande, creneau: Creneau, annulation = false): PieceJointe {
  const site = siteDe(ctx, creneau);
  const methode = annulation ? 'CANCEL' : 'REQUEST';
  const calendrier = new ICAL.Component(['vcalendar', [], []]);
  calendrier.addPropertyWithValue('prodid', `-//${ctx.deploiement.nomService}//rendez-vous//FR`);
  calendrier.addPropertyWithValue('version', '2.0');
  calendrier.addPropertyWithValue('method', methode);
  const evenement = new ICAL.Component('vevent');
  evenement.addPropertyWithValue('uid', `${demande.reference}@${new URL(ctx.urlPublique).hostname}`);
  evenement.addPropertyWithValue('dtstamp', ICAL.Time.fromJSDate(ctx.maintenant, true));
  evenement.addPropertyWithValue('dtstart', ICAL.Time.fromJSDate(new Date(creneau.debut), true));
  evenement.addPropertyWithValue('dtend', ICAL.Time.fromJSDate(new Date(creneau.fin), true));
  evenement.addPropertyWithValue('sequence', demande.version);
  evenement.addPropertyWithValue('summary', `Conseil en évolution professionnelle – ${ctx.deploiement.editeur.nom}`);
  evenement.addPropertyWithValue(
    'description',
    `Premier rendez-vous, dossier ${numeroLisible(demande.reference)}. ${lieuDuRendezVous(creneau.modalite, site)}`,
  );
  evenement.addPropertyWithValue(
    'location',
    creneau.modalite === 'presentiel' && site ? `${site.nom}, ${site.adresse.join(', ')}` : LIBELLES_MODALITE[creneau.modalite],
  );
  evenement.addPropertyWithValue('status', annulation ? 'CANCELLED' : 'CONFIRMED');
  evenement.addPropertyWithValue('organizer', `mailto:${ctx.deploiement.editeur.courriel}`).setParameter('cn', ctx.deploiement.editeur.nom);
  calendrier.addSubcomponent(evenement);
  return {
    nom: annulation ? 'annulation-rendez-vous.ics' : 'rendez-vous.ics',
    type: `text/calendar; charset=utf-8; method=${methode}`,
    contenu: calendrier.toString(),
  };
}

function blocsRendezVous(ctx: Contexte, demande: Demande, creneau: Creneau | undefined): Bloc[] {
  if (!creneau) {
    return [
      `Un conseiller vous appellera au numéro que vous avez indiqué pour convenir avec vous d’un rendez-vous, au plus tard le ${dateLongue(demande.echeance)}.`,
    ];
  }
  return [
    {
      titre: 'Votre rendez-vous',
      lignes: [
        `Quand : ${afficherCreneau(creneau).texte}`,
        `Où : ${lieuDuRendezVous(creneau.modalite, siteDe(ctx, creneau))}`,
        `Numéro de dossier : ${numeroLisible(demande.reference)}`,
      ],
    },
  ];
}

const salutation = (d: Demande) => `Bonjour ${d.prenom} ${d.nom},`;

/**
 * Met en file la confirmation (avec l'invitation .ics) et le rappel deux jours avant, dans la transaction de la demande.
 * Ils sont composés à l'envoi, d'après le dossier à ce moment-là (`COMPOSITEURS`), et chacun y reçoit un lien privé neuf :
 * la boîte d'envoi ne garde ni contenu ni jeton, rien n'est composé sur le chemin de la demande.
 */
export function courrielsDeConfirmation(
  tx: Executeur,
  ctx: Contexte,
  demande: Demande,
  creneau: Creneau | undefined,
  modification = false,
): Promise<unknown> {
  return mettreEnFileEnsemble(tx, confirmationsAMettreEnFile(ctx, demande, creneau, modification));
}

/**
 * Les courriels que `courrielsDeConfirmation` met en file, sans les écrire : la confirmation, et le rappel deux jours
 * avant (aucun si le rendez-vous est dans moins de deux jours). Aucun sans adresse : demande par téléphone ou au
 * guichet, la personne a son lien privé en code court, sur papier.
 */
export function confirmationsAMettreEnFile(
  ctx: Pick<Contexte, 'maintenant'>,
  demande: Pick<Demande, 'email' | 'reference'>,
  creneau: Pick<Creneau, 'debut'> | undefined,
  modification = false,
): ACompose[] {
  if (demande.email === SANS_COURRIEL) return [];
  const enTete = { destinataire: demande.email, reference: demande.reference, donnees: {} };
  const enFile: ACompose[] = [
    { ...enTete, categorie: modification ? CATEGORIES.modification : CATEGORIES.confirmation, envoyerApres: ctx.maintenant.toISOString() },
  ];
  const rappel = creneau ? Date.parse(creneau.debut) - AVANCE_RAPPEL_MS : 0;
  if (rappel > ctx.maintenant.getTime()) enFile.push({ ...enTete, categorie: CATEGORIES.rappel, envoyerApres: new Date(rappel).toISOString() });
  return enFile;
}

/**
 * Les courriels d'une demande mis en file dans l'instruction même qui réserve son créneau, avant de l'avoir lu
 * (PostgreSQL, `reserverEtEnregistrerPostgres`) : la confirmation, et la catégorie et l'avance du rappel, dont la base
 * calcule l'envoi d'après le début réservé, à la règle de `confirmationsAMettreEnFile`. Rien pour une demande sans
 * courriel.
 */
export function confirmationAvantReservation(
  ctx: Pick<Contexte, 'maintenant'>,
  demande: Pick<Demande, 'email' | 'reference'>,
): { confirmation: ACompose; categorieRappel: string; avanceRappelMs: number } | undefined {
  const [confirmation] = confirmationsAMettreEnFile(ctx, demande, undefined);
  return confirmation && { confirmation, categorieRappel: CATEGORIES.rappel, avanceRappelMs: AVANCE_RAPPEL_MS };
}

/**
 * Le jeton du lien privé d'un courriel. À l'envoi, un jeton neuf dont seule l'empreinte est gardée (`liens_suivi`) : il
 * part dans le courriel et nulle part ailleurs. À la lecture (espace conseiller, droit d'accès), un masque : lire la boîte
 * d'envoi ne crée ni ne révèle aucun lien. Une ligne mise en file avant ce changement porte encore son jeton
 * (`donnees.jeton`) : il sert tel quel à l'envoi, et n'est pas gardé dans la copie de ce qui est parti.
 */
async function jetonDuLien(ctx: ContexteComposition, demande: Demande, donnees: { jeton?: string }): Promise<{ jeton: string; secrets: string[] }> {
  if (donnees.jeton) return { jeton: ctx.usage === 'envoi' ? donnees.jeton : JETON_MASQUE, secrets: [donnees.jeton] };
  if (ctx.usage === 'lecture') return { jeton: JETON_MASQUE, secrets: [] };
  const jeton = nouveauJeton(ctx.maintenant);
  await depotRendezVous(ctx.db).ajouterLienSuivi(demande.id, empreinteJeton(jeton), ctx.maintenant.toISOString());
  return { jeton, secrets: [jeton] };
}

/** Ce qu'affiche le lien privé d'un courriel lu avant son envoi : il n'existe pas encore. */
export const JETON_MASQUE = 'lien-personnel-cree-a-l-envoi';

function confirmation(ctx: Contexte, demande: Demande, creneau: Creneau | undefined, jeton: string, modification: boolean): Composition {
  const blocs: Bloc[] = [
    modification
      ? 'Votre rendez-vous de conseil en évolution professionnelle a bien été déplacé.'
      : 'Nous avons bien reçu votre demande de premier rendez-vous de conseil en évolution professionnelle. Ce service est gratuit et confidentiel.',
    ...blocsRendezVous(ctx, demande, creneau),
    `Quoi qu’il arrive, un premier échange avec un conseiller aura lieu au plus tard le ${dateLongue(demande.echeance)} (30 jours ouvrés après votre demande).`,
    { lien: lienSuivi(ctx, jeton), texte: 'Voir, déplacer ou annuler votre rendez-vous' },
    'Ce lien est personnel : ne le transmettez pas. Il n’y a ni compte ni mot de passe à créer.',
  ];
  if (demande.besoinsAccessibilite)
    blocs.push('Vous nous avez signalé des besoins d’accessibilité : votre conseiller en tient compte pour préparer l’échange.');
  return {
    ...composerCourriel(ctx.deploiement, {
      sujet: `${modification ? 'Rendez-vous déplacé' : 'Votre demande de rendez-vous'} – dossier ${numeroLisible(demande.reference)}`,
      salutation: salutation(demande),
      blocs,
    }),
    piecesJointes: creneau ? [invitationIcs(ctx, demande, creneau)] : [],
  };
}

function rappel(ctx: Contexte, demande: Demande, creneau: Creneau, jeton: string): Composition {
  return composerCourriel(ctx.deploiement, {
    sujet: `Rappel : votre rendez-vous dans deux jours – dossier ${numeroLisible(demande.reference)}`,
    salutation: salutation(demande),
    blocs: [
      'Nous vous rappelons votre rendez-vous de conseil en évolution professionnelle.',
      ...blocsRendezVous(ctx, demande, creneau),
      { lien: lienSuivi(ctx, jeton), texte: 'Un empêchement ? Déplacez ou annulez votre rendez-vous' },
    ],
  });
}

/**
 * Compose un courriel de rendez-vous mis en file à composer, d'après le dossier tel qu'il est maintenant (rendez-vous
 * déplacé entre-temps : le courriel donne le nouveau). `undefined` quand il n'a plus lieu d'être : dossier effacé, annulé,
 * réorienté ou clos, ou rappel d'un rendez-vous qui n'existe plus.
 */
async function composerCourrielDeRendezVous(
  ctx: ContexteComposition,
  courriel: { categorie: string; reference: string | null },
  donnees: { jeton?: string },
): Promise<Composition | undefined> {
  const depot = depotRendezVous(ctx.db);
  const demande = courriel.reference ? await depot.demandeParReference(courriel.reference) : undefined;
  if (!demande || demande.statut !== 'ouverte') return undefined;
  const creneau = demande.creneauId ? await depot.creneau(demande.creneauId) : undefined;
  if (courriel.categorie === CATEGORIES.rappel && !creneau) return undefined;
  const { jeton, secrets } = await jetonDuLien(ctx, demande, donnees);
  const contenu =
    courriel.categorie === CATEGORIES.rappel
      ? rappel(ctx, demande, creneau!, jeton)
      : confirmation(ctx, demande, creneau, jeton, courriel.categorie === CATEGORIES.modification);
  return { ...contenu, secrets };
}

/** Les courriels que le facteur compose à l'envoi, inscrits par la racine de composition (`server/construire.ts`). */
export const COMPOSITEURS: Readonly<Record<string, Compositeur>> = {
  [CATEGORIES.confirmation]: composerCourrielDeRendezVous,
  [CATEGORIES.modification]: composerCourrielDeRendezVous,
  [CATEGORIES.rappel]: composerCourrielDeRendezVous,
};

/** Annule le rappel en attente d'un dossier (annulation, déplacement, réorientation). */
export async function annulerRappel(tx: Executeur, reference: string) {
  await annulerEnAttente(tx, reference, CATEGORIES.rappel);
}

export async function courrielAnnulation(tx: Executeur, ctx: Contexte, demande: Demande, creneau: Creneau | undefined) {
  if (demande.email === SANS_COURRIEL) return;
  await mettreEnFile(tx, {
    ...composerCourriel(ctx.deploiement, {
      sujet: `Rendez-vous annulé – dossier ${numeroLisible(demande.reference)}`,
      salutation: salutation(demande),
      blocs: [
        creneau
          ? `Votre rendez-vous du ${afficherCreneau(creneau).texte} est annulé, comme vous l’avez demandé.`
          : 'Votre demande de rendez-vous est annulée, comme vous l’avez demandé.',
        'Vous pouvez faire une nouvelle demande à tout moment :',
        { lien: `${ctx.urlPublique}/rendez-vous`, texte: 'Demander un rendez-vous' },
      ],
    }),
    destinataire: demande.email,
    categorie: CATEGORIES.annulation,
    reference: demande.reference,
    piecesJointes: creneau ? [invitationIcs(ctx, demande, creneau, true)] : [],
    envoyerApres: ctx.maintenant.toISOString(),
  });
}

export async function courrielReorientation(
  tx: Executeur,
  ctx: Contexte,
  demande: Demande,
  vers: Pick<Redirection, 'nom' | 'contact'>,
  creneauAnnule: Creneau | undefined,
) {
  if (demande.email === SANS_COURRIEL) return;
  // Rien n'est transmis sans l'accord de la personne (docs/decisions/2026-12-06-reorientation-sans-transmission.md) :
  // le courriel dit ce qu'elle peut faire, et comment nous demander de transmettre.
  const { editeur } = ctx.deploiement;
  const blocs: Bloc[] = [
    `Après étude de votre demande, c’est ${vers.nom} qui pourra le mieux vous accompagner.`,
    `Nous ne lui avons rien transmis : vos informations restent chez nous. Pour être accompagné, contactez ${vers.nom} directement, en disant que vous souhaitez un conseil en évolution professionnelle.`,
  ];
  if (vers.contact) blocs.push({ lien: vers.contact.url, texte: `Contacter ${vers.nom} (${vers.contact.libelle})` });
  blocs.push(
    `Vous préférez que nous lui transmettions votre demande ? Dites-le-nous en répondant à ce courriel ou au ${editeur.telephone}, en rappelant votre numéro de dossier ${numeroLisible(demande.reference)}.`,
  );
  if (creneauAnnule) blocs.push(`Votre rendez-vous du ${afficherCreneau(creneauAnnule).texte} avec nous est donc annulé.`);
  await mettreEnFile(tx, {
    ...composerCourriel(ctx.deploiement, {
      sujet: `Le service qui pourra vous accompagner – dossier ${numeroLisible(demande.reference)}`,
      salutation: salutation(demande),
      blocs,
    }),
    destinataire: demande.email,
    categorie: CATEGORIES.reorientation,
    reference: demande.reference,
    piecesJointes: creneauAnnule ? [invitationIcs(ctx, demande, creneauAnnule, true)] : [],
    envoyerApres: ctx.maintenant.toISOString(),
  });
}

/**
 * Pourquoi un courriel de rendez-vous ne partira pas (ou n'est pas parti), d'après le dossier tel qu'il est : ce que la
 * boîte d'envoi de l'espace conseiller affiche à la place du contenu. `undefined` : le courriel a encore lieu d'être.
 */
export async function raisonNonEnvoi(
  db: Executeur,
  courriel: { categorie: string; reference: string | null; statut: string; sujet: string | null },
): Promise<string | undefined> {
  if (!Object.values(CATEGORIES).includes(courriel.categorie as (typeof CATEGORIES)[keyof typeof CATEGORIES])) return undefined;
  // Composé et gardé tel qu'il est parti (ou annulé avec sa mention) : il se lit tel quel.
  if (courriel.sujet !== null) return undefined;
  const demande = courriel.reference ? await depotRendezVous(db).demandeParReference(courriel.reference) : undefined;
  if (!demande) return 'Non envoyé : le dossier a été effacé avant l’envoi.';
  if (demande.statut === 'annulee') return 'Non envoyé : la personne a annulé sa demande avant l’envoi.';
  if (demande.statut === 'reorientee') return 'Non envoyé : la demande a été réorientée avant l’envoi.';
  if (demande.statut === 'premier-echange') return 'Non envoyé : le premier échange a eu lieu avant l’envoi.';
  if (courriel.statut === 'annule')
    return courriel.categorie === CATEGORIES.rappel
      ? 'Non envoyé : le rendez-vous a été déplacé ; un rappel pour le nouveau créneau le remplace.'
      : 'Non envoyé : remplacé par un courriel plus récent du même dossier.';
  if (courriel.categorie === CATEGORIES.rappel && !demande.creneauId) return 'Non envoyé : la demande n’a plus de rendez-vous fixé.';
  return undefined;
}
