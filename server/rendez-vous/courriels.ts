import ICAL from 'ical.js';
import type { Executeur } from '../../db/client.ts';
import { annulerEnAttente, mettreEnFile, type PieceJointe } from '../courriel/boite-envoi.ts';
import { composerCourriel, type Bloc } from '../courriel/modele.ts';
import type { Deploiement } from '../deploiement/schema.ts';
import { afficherCreneau, jourLong, lieuDuRendezVous } from './affichage.ts';
import { numeroLisible } from './numero-dossier.ts';
import { LIBELLES_MODALITE } from './schema.ts';
import type { Creneau, Demande } from './repository.ts';
import type { Redirection } from './public.ts';

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
      `Un conseiller vous appellera au numéro que vous avez indiqué pour convenir avec vous d’un rendez-vous, au plus tard le ${jourLong(demande.echeance)}.`,
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

/** Met en file la confirmation (avec l'invitation .ics) et le rappel deux jours avant, dans la transaction de la demande. */
export function courrielsDeConfirmation(
  tx: Executeur,
  ctx: Contexte,
  demande: Demande,
  creneau: Creneau | undefined,
  jeton: string,
  modification = false,
) {
  const blocs: Bloc[] = [
    modification
      ? 'Votre rendez-vous de conseil en évolution professionnelle a bien été déplacé.'
      : 'Nous avons bien reçu votre demande de premier rendez-vous de conseil en évolution professionnelle. Ce service est gratuit et confidentiel.',
    ...blocsRendezVous(ctx, demande, creneau),
    `Quoi qu’il arrive, un premier échange avec un conseiller aura lieu au plus tard le ${jourLong(demande.echeance)} (30 jours ouvrés après votre demande).`,
    { lien: lienSuivi(ctx, jeton), texte: 'Voir, déplacer ou annuler votre rendez-vous' },
    'Ce lien est personnel : ne le transmettez pas. Il n’y a ni compte ni mot de passe à créer.',
  ];
  if (demande.besoinsAccessibilite)
    blocs.push('Vous nous avez signalé des besoins d’accessibilité : votre conseiller en tient compte pour préparer l’échange.');
  mettreEnFile(tx, {
    ...composerCourriel(ctx.deploiement, {
      sujet: `${modification ? 'Rendez-vous déplacé' : 'Votre demande de rendez-vous'} – dossier ${numeroLisible(demande.reference)}`,
      salutation: salutation(demande),
      blocs,
    }),
    destinataire: demande.email,
    categorie: modification ? CATEGORIES.modification : CATEGORIES.confirmation,
    reference: demande.reference,
    piecesJointes: creneau ? [invitationIcs(ctx, demande, creneau)] : [],
    envoyerApres: ctx.maintenant.toISOString(),
  });
  if (creneau) programmerRappel(tx, ctx, demande, creneau, jeton);
}

/** Le rappel deux jours avant ; rien si le rendez-vous est dans moins de deux jours (la confirmation suffit). */
function programmerRappel(tx: Executeur, ctx: Contexte, demande: Demande, creneau: Creneau, jeton: string) {
  const envoi = Date.parse(creneau.debut) - AVANCE_RAPPEL_MS;
  if (envoi <= ctx.maintenant.getTime()) return;
  mettreEnFile(tx, {
    ...composerCourriel(ctx.deploiement, {
      sujet: `Rappel : votre rendez-vous dans deux jours – dossier ${numeroLisible(demande.reference)}`,
      salutation: salutation(demande),
      blocs: [
        'Nous vous rappelons votre rendez-vous de conseil en évolution professionnelle.',
        ...blocsRendezVous(ctx, demande, creneau),
        { lien: lienSuivi(ctx, jeton), texte: 'Un empêchement ? Déplacez ou annulez votre rendez-vous' },
      ],
    }),
    destinataire: demande.email,
    categorie: CATEGORIES.rappel,
    reference: demande.reference,
    envoyerApres: new Date(envoi).toISOString(),
  });
}

/** Annule le rappel en attente d'un dossier (annulation, déplacement, réorientation). */
export function annulerRappel(tx: Executeur, reference: string) {
  annulerEnAttente(tx, reference, CATEGORIES.rappel);
}

export function courrielAnnulation(tx: Executeur, ctx: Contexte, demande: Demande, creneau: Creneau | undefined) {
  mettreEnFile(tx, {
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

export function courrielReorientation(
  tx: Executeur,
  ctx: Contexte,
  demande: Demande,
  vers: Pick<Redirection, 'nom' | 'contact'>,
  creneauAnnule: Creneau | undefined,
) {
  const blocs: Bloc[] = [
    `Après étude de votre demande, c’est ${vers.nom} qui pourra le mieux vous accompagner. Nous lui avons transmis votre demande.`,
    `Votre numéro de dossier reste le ${numeroLisible(demande.reference)}, et le délai court toujours depuis votre demande : un premier échange doit avoir lieu au plus tard le ${jourLong(demande.echeance)}.`,
  ];
  if (vers.contact) blocs.push({ lien: vers.contact.url, texte: `Contacter ${vers.nom} (${vers.contact.libelle})` });
  if (creneauAnnule) blocs.push(`Votre rendez-vous du ${afficherCreneau(creneauAnnule).texte} avec nous est donc annulé.`);
  mettreEnFile(tx, {
    ...composerCourriel(ctx.deploiement, {
      sujet: `Votre demande est transmise – dossier ${numeroLisible(demande.reference)}`,
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
