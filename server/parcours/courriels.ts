import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { Executeur } from '../../db/client.ts';
import { mettreEnFile, type Contenu } from '../courriel/repository.ts';
import { composerCourriel } from '../courriel/modele.ts';
import type { Dependances } from '../dependances.ts';
import { numeroLisible } from '../rendez-vous/numero-dossier.ts';
import { TITRES } from './livrables.ts';
import { depotParcours } from './repository.ts';

/** Catégories des courriels du parcours, tous composés à l'envoi (les secrets n'existent qu'à ce moment-là). */
export const CATEGORIES_PARCOURS = {
  lien: 'parcours.lien-espace',
  code: 'parcours.code-signature',
  aSigner: 'parcours.a-signer',
  signe: 'parcours.livrable-signe',
} as const;

/** Durée de validité d'un code de signature, à partir de sa composition. */
export const DUREE_CODE_MS = 15 * 60_000;
/** Durée de validité d'un lien vers l'espace, à partir de sa composition. */
export const DUREE_LIEN_MS = 30 * 60_000;

/** Empreinte d'un secret à usage unique (lien, code) : seule elle est gardée. Le code est salé par son identifiant. */
export const empreinteSecret = (secret: string, sel = '') => createHash('sha256').update(`${sel}:${secret}`).digest('base64url');

/** Une adresse masquée pour la preuve et l'affichage : `l***@exemple.fr`. */
export const masquerCourriel = (email: string) => email.replace(/^(.)[^@]*(@.*)$/, '$1***$2');

/** Ce qu'un compositeur rend : le courriel à envoyer, et ce que la boîte d'envoi en garde (sans le secret). */
export type CourrielAvecArchive = Contenu & { archive?: Contenu };

type Ctx = Pick<Dependances, 'db' | 'deploiement' | 'urlPublique' | 'maintenant'>;

/** Met en file un courriel du parcours, à composer à l'envoi. */
export function mettreEnFileParcours(
  tx: Executeur,
  courriel: { categorie: string; destinataire: string; reference: string; donnees: Record<string, string>; maintenant: Date },
) {
  mettreEnFile(tx, { ...courriel, envoyerApres: courriel.maintenant.toISOString() });
}

const masque = (ctx: Ctx, sujet: string, salutation: string, texte: string): Contenu =>
  composerCourriel(ctx.deploiement, { sujet, salutation, blocs: [texte] });

/**
 * Compose un courriel du parcours d'après le dossier au moment de l'envoi. Pour un lien ou un code, le secret est tiré
 * seulement à l'envoi (`usage: 'envoi'`) et seule son empreinte est gardée ; à la lecture (espace conseiller), le
 * courriel dit qu'il contient un secret sans le montrer. `undefined` s'il n'a plus lieu d'être (code remplacé, lien
 * utilisé, dossier effacé).
 */
export function composerCourrielDeParcours(
  ctx: Ctx,
  courriel: { categorie: string; reference: string | null; destinataire: string },
  donnees: Record<string, string>,
  usage: 'envoi' | 'lecture',
  pdfSigne: (livrableId: number) => Buffer | undefined,
): CourrielAvecArchive | undefined {
  const depot = depotParcours(ctx.db);
  const maintenant = ctx.maintenant();
  const salutation = 'Bonjour,';
  switch (courriel.categorie) {
    case CATEGORIES_PARCOURS.lien: {
      const lien = depot.lien(Number(donnees.lien));
      if (!lien || lien.utiliseLe || lien.expireLe < maintenant.toISOString()) return undefined;
      const sujet = `Votre lien pour accéder à votre espace – ${ctx.deploiement.nomService}`;
      const archive = masque(
        ctx,
        sujet,
        salutation,
        'Ce courriel contenait un lien personnel à usage unique vers votre espace (non conservé).',
      );
      if (usage === 'lecture') return { ...archive, archive };
      const jeton = randomBytes(32).toString('base64url');
      depot.poserEmpreinteLienOuRemplacer(lien.id, empreinteSecret(jeton), new Date(maintenant.getTime() + DUREE_LIEN_MS).toISOString());
      return {
        ...composerCourriel(ctx.deploiement, {
          sujet,
          salutation,
          blocs: [
            'Vous avez demandé à accéder à votre espace de conseil en évolution professionnelle.',
            { lien: `${ctx.urlPublique}/mon-espace/entree/${jeton}`, texte: 'Ouvrir mon espace' },
            'Ce lien ne sert qu’une fois et pendant 30 minutes. Si vous n’avez rien demandé, ignorez ce courriel : personne n’accède à votre espace sans lui.',
          ],
        }),
        archive,
      };
    }
    case CATEGORIES_PARCOURS.code: {
      const code = depot.code(Number(donnees.code));
      if (!code || code.annule || code.utiliseLe || code.expireLe < maintenant.toISOString()) return undefined;
      const sujet = `Votre code pour signer votre document – ${ctx.deploiement.nomService}`;
      const archive = masque(ctx, sujet, salutation, 'Ce courriel contenait un code de signature à usage unique (non conservé).');
      if (usage === 'lecture') return { ...archive, archive };
      const secret = String(randomInt(0, 1_000_000)).padStart(6, '0');
      depot.modifierCode(code.id, {
        empreinte: empreinteSecret(secret, String(code.id)),
        expireLe: new Date(maintenant.getTime() + DUREE_CODE_MS).toISOString(),
      });
      return {
        ...composerCourriel(ctx.deploiement, {
          sujet,
          salutation,
          blocs: [
            `Voici votre code pour signer votre document (dossier ${numeroLisible(courriel.reference ?? '')}) : ${secret}`,
            'Recopiez-le dans votre espace, avec la mention « lu et approuvé ». Il ne sert qu’une fois et pendant 15 minutes.',
            'Si vous n’avez pas demandé ce code, ne le transmettez à personne et prévenez votre conseiller.',
          ],
        }),
        archive,
      };
    }
    case CATEGORIES_PARCOURS.aSigner: {
      const livrable = depot.livrable(Number(donnees.livrable));
      if (!livrable || livrable.statut !== 'signe-conseiller') return undefined;
      return composerCourriel(ctx.deploiement, {
        sujet: `Votre document « ${TITRES[livrable.type]} » est prêt à signer`,
        salutation,
        blocs: [
          `Votre conseiller a signé votre document « ${TITRES[livrable.type]} ». Lisez-le et signez-le à votre tour dans votre espace : la signature se fait avec un code envoyé par courriel.`,
          { lien: `${ctx.urlPublique}/mon-espace`, texte: 'Aller à mon espace' },
          'Vous préférez signer sur papier ? Dites-le à votre conseiller : il vous le remettra ou vous l’enverra.',
        ],
      });
    }
    case CATEGORIES_PARCOURS.signe: {
      const livrable = depot.livrable(Number(donnees.livrable));
      const pdf = livrable ? pdfSigne(livrable.id) : undefined;
      if (!livrable || !pdf) return undefined;
      return {
        ...composerCourriel(ctx.deploiement, {
          sujet: `Votre document signé : ${TITRES[livrable.type]}`,
          salutation,
          blocs: [
            `Voici votre exemplaire du document « ${TITRES[livrable.type]} », signé par votre conseiller et par vous. Gardez-le : il atteste de votre démarche.`,
            'La dernière page est la preuve de signature ; le document exact que vous avez signé est joint au PDF.',
          ],
        }),
        piecesJointes: [{ nom: `${livrable.type}-${courriel.reference ?? 'dossier'}.pdf`, type: 'application/pdf', contenu: pdf }],
      };
    }
    default:
      return undefined;
  }
}
