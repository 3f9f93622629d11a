import type { Deploiement } from '../deploiement/schema.ts';
import { composerCourriel, type Bloc, type CourrielCompose } from '../courriel/modele.ts';
import { dateLongue } from '../calendrier/formats.ts';
import { mediateurSansReponseDes, peutSaisirLeMediateur } from './mediateur.ts';
import type { Reclamation } from './repository.ts';
import { MOTIFS } from './schema.ts';

type Contexte = { deploiement: Deploiement; urlPublique: string };

const salutation = (r: Reclamation) => `Bonjour ${r.prenom} ${r.nom},`;
const lienSuivi = (ctx: Contexte): Bloc => ({
  lien: `${ctx.urlPublique}/reclamation/suivi`,
  texte: 'Suivre votre réclamation (avec son numéro et votre adresse électronique)',
});

/** Le chemin vers le médiateur, tel que la règle `peutSaisirLeMediateur` le décide, avec le comment et le quoi. */
export function blocsMediateur(deploiement: Deploiement, r: Reclamation, maintenant: Date): Bloc[] {
  const decision = peutSaisirLeMediateur(r, maintenant);
  if (!decision.possible) return [decision.explication];
  return [
    decision.explication,
    {
      titre: 'Comment saisir le médiateur de France compétences (gratuit) :',
      lignes: [
        `en ligne, par le formulaire du site de France compétences : ${deploiement.mediateur.url}`,
        `ou par courrier : ${deploiement.mediateur.adressePostale.join(', ')}`,
      ],
    },
    { titre: 'Joignez à votre demande :', lignes: decision.aJoindre },
  ];
}

/** Le courriel envoyé dès l'enregistrement : numéro, échéances, rôle du médiateur. */
export function courrielEnregistrement(ctx: Contexte, r: Reclamation, nombrePieces: number): CourrielCompose {
  return composerCourriel(ctx.deploiement, {
    sujet: `Votre réclamation ${r.numero} est enregistrée`,
    salutation: salutation(r),
    blocs: [
      `Nous avons bien reçu votre réclamation le ${dateLongue(r.dateReception)}. Son numéro est ${r.numero} : gardez-le, il vous servira pour la suivre.`,
      {
        lignes: [
          `Motif : ${MOTIFS[r.motif]}`,
          ...(nombrePieces > 0 ? [`Pièces jointes reçues : ${nombrePieces}`] : []),
          `Nous vous confirmerons sa prise en charge au plus tard le ${dateLongue(r.accuseReceptionAvant)}.`,
          `Nous vous répondrons au plus tard le ${dateLongue(r.reponseAvant)}.`,
        ],
      },
      lienSuivi(ctx),
      `Le médiateur de France compétences, tiers indépendant et gratuit, peut être saisi après cette première réclamation : si notre réponse ne vous satisfait pas, ou sans réponse de notre part à partir du ${dateLongue(mediateurSansReponseDes(r))}.`,
    ],
  });
}

/** L'accusé de réception envoyé par un conseiller (avec son message éventuel). */
export function courrielAccuseReception(ctx: Contexte, r: Reclamation, message: string): CourrielCompose {
  return composerCourriel(ctx.deploiement, {
    sujet: `Réclamation ${r.numero} : accusé de réception`,
    salutation: salutation(r),
    blocs: [
      `Votre réclamation ${r.numero}, reçue le ${dateLongue(r.dateReception)}, est prise en charge par notre équipe.`,
      ...(message ? [message] : []),
      `Nous vous répondrons au plus tard le ${dateLongue(r.reponseAvant)}.`,
      lienSuivi(ctx),
    ],
  });
}

/** La demande de précisions : la personne répond depuis la page de suivi. */
export function courrielDemandePrecisions(ctx: Contexte, r: Reclamation, message: string): CourrielCompose {
  return composerCourriel(ctx.deploiement, {
    sujet: `Réclamation ${r.numero} : nous avons besoin de précisions`,
    salutation: salutation(r),
    blocs: [
      `Pour traiter votre réclamation ${r.numero}, nous avons besoin de précisions :`,
      message,
      'Répondez depuis la page de suivi, avec votre numéro de réclamation et votre adresse électronique.',
      lienSuivi(ctx),
      `Notre délai de réponse reste fixé au ${dateLongue(r.reponseAvant)}.`,
    ],
  });
}

/** La réponse de l'opérateur, avec le chemin vers le médiateur. */
export function courrielReponse(ctx: Contexte, r: Reclamation, message: string, maintenant: Date): CourrielCompose {
  return composerCourriel(ctx.deploiement, {
    sujet: `Réclamation ${r.numero} : notre réponse`,
    salutation: salutation(r),
    blocs: [
      `Voici notre réponse à votre réclamation ${r.numero}, reçue le ${dateLongue(r.dateReception)} :`,
      message,
      ...blocsMediateur(ctx.deploiement, r, maintenant),
      lienSuivi(ctx),
    ],
  });
}
