import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { Executeur } from '../../db/client.ts';
import type { Composition, ContexteComposition } from '../courriel/composition.ts';
import { mettreEnFile, type CourrielSortant } from '../courriel/repository.ts';
import { composerCourriel } from '../courriel/modele.ts';
import { numeroLisible } from '../rendez-vous/numero-dossier.ts';
import { TITRES } from './livrables.ts';
import { depotParcours } from './repository.ts';

/** Catégories des courriels du parcours, tous composés à l'envoi (les secrets n'existent qu'à ce moment-là). */
export const CATEGORIES_PARCOURS = {
  lien: 'parcours.lien-espace',
  code: 'parcours.code-signature',
  aSigner: 'parcours.a-signer',
  signe: 'parcours.livrable-signe',
  /** Aux managers : un bon de commande a passé 90 % (`bons-de-commande.ts`). */
  bonEnAlerte: 'parcours.bon-en-alerte',
} as const;

/** Durée de validité d'un code de signature, à partir de sa composition. */
export const DUREE_CODE_MS = 15 * 60_000;
/** Durée de validité d'un lien vers l'espace, à partir de sa composition. */
export const DUREE_LIEN_MS = 30 * 60_000;

/** Empreinte d'un secret à usage unique (lien, code) : seule elle est gardée. Le code est salé par son identifiant. */
export const empreinteSecret = (secret: string, sel = '') => createHash('sha256').update(`${sel}:${secret}`).digest('base64url');

/** Une adresse masquée pour la preuve et l'affichage : `l***@exemple.fr`. */
export const masquerCourriel = (email: string) => email.replace(/^(.)[^@]*(@.*)$/, '$1***$2');

/** Met en file un courriel du parcours, à composer à l'envoi. */
export async function mettreEnFileParcours(
  tx: Executeur,
  courriel: { categorie: string; destinataire: string; reference: string; donnees: Record<string, string>; maintenant: Date },
) {
  await mettreEnFile(tx, { ...courriel, envoyerApres: courriel.maintenant.toISOString() });
}

type Courriel = Pick<CourrielSortant, 'categorie' | 'reference'>;
const SALUTATION = 'Bonjour,';

/** Ce que montre un courriel à secret quand on le lit sans l'envoyer (espace conseiller) : rien n'est tiré ni révélé. */
const enLecture = (ctx: ContexteComposition, sujet: string, quoi: string): Composition =>
  composerCourriel(ctx.deploiement, {
    sujet,
    salutation: SALUTATION,
    blocs: [`Ce courriel contient ${quoi}, tiré à l’envoi et jamais conservé.`],
  });

/**
 * Le lien vers l'espace : son jeton est tiré à l'envoi (usage `envoi`) et seule son empreinte est gardée ; la copie
 * conservée du courriel le masque. `undefined` si le lien a servi ou n'attend plus.
 */
export async function composerLienEspace(
  ctx: ContexteComposition,
  _courriel: Courriel,
  donnees: Record<string, string>,
): Promise<Composition | undefined> {
  const depot = depotParcours(ctx.db);
  const lien = await depot.lien(Number(donnees.lien));
  if (!lien || lien.utiliseLe || lien.expireLe < ctx.maintenant.toISOString()) return undefined;
  const sujet = `Votre lien pour accéder à votre espace – ${ctx.deploiement.nomService}`;
  if (ctx.usage === 'lecture') return enLecture(ctx, sujet, 'un lien personnel à usage unique');
  const jeton = randomBytes(32).toString('base64url');
  await depot.poserEmpreinteLienOuRemplacer(
    lien.id,
    empreinteSecret(jeton),
    new Date(ctx.maintenant.getTime() + DUREE_LIEN_MS).toISOString(),
  );
  return {
    ...composerCourriel(ctx.deploiement, {
      sujet,
      salutation: SALUTATION,
      blocs: [
        'Vous avez demandé à accéder à votre espace de conseil en évolution professionnelle.',
        { lien: `${ctx.urlPublique}/mon-espace/entree/${jeton}`, texte: 'Ouvrir mon espace' },
        'Ce lien ne sert qu’une fois et pendant 30 minutes. Si vous n’avez rien demandé, ignorez ce courriel : personne n’accède à votre espace sans lui.',
      ],
    }),
    secrets: [jeton],
  };
}

/** Le code de signature : tiré à l'envoi, gardé en empreinte salée, masqué dans la copie conservée du courriel. */
export async function composerCodeSignature(
  ctx: ContexteComposition,
  courriel: Courriel,
  donnees: Record<string, string>,
): Promise<Composition | undefined> {
  const depot = depotParcours(ctx.db);
  const code = await depot.code(Number(donnees.code));
  if (!code || code.annule || code.utiliseLe || code.expireLe < ctx.maintenant.toISOString()) return undefined;
  const sujet = `Votre code pour signer votre document – ${ctx.deploiement.nomService}`;
  if (ctx.usage === 'lecture') return enLecture(ctx, sujet, 'un code de signature à usage unique');
  const secret = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await depot.modifierCode(code.id, {
    empreinte: empreinteSecret(secret, String(code.id)),
    expireLe: new Date(ctx.maintenant.getTime() + DUREE_CODE_MS).toISOString(),
  });
  return {
    ...composerCourriel(ctx.deploiement, {
      sujet,
      salutation: SALUTATION,
      blocs: [
        `Voici votre code pour signer votre document (dossier ${numeroLisible(courriel.reference ?? '')}) : ${secret}`,
        'Recopiez-le dans votre espace, avec la mention « lu et approuvé ». Il ne sert qu’une fois et pendant 15 minutes.',
        'Si vous n’avez pas demandé ce code, ne le transmettez à personne et prévenez votre conseiller.',
      ],
    }),
    secrets: [secret],
  };
}

/** « Votre document est prêt à signer » : tant que le conseiller l'a signé et que la personne ne l'a pas fait. */
export async function composerASigner(
  ctx: ContexteComposition,
  _courriel: Courriel,
  donnees: Record<string, string>,
): Promise<Composition | undefined> {
  const livrable = await depotParcours(ctx.db).livrable(Number(donnees.livrable));
  if (livrable?.statut !== 'signe-conseiller') return undefined;
  return composerCourriel(ctx.deploiement, {
    sujet: `Votre document « ${TITRES[livrable.type]} » est prêt à signer`,
    salutation: SALUTATION,
    blocs: [
      `Votre conseiller a signé votre document « ${TITRES[livrable.type]} ». Lisez-le et signez-le à votre tour dans votre espace : la signature se fait avec un code envoyé par courriel.`,
      { lien: `${ctx.urlPublique}/mon-espace`, texte: 'Aller à mon espace' },
      'Vous préférez signer sur papier ? Dites-le à votre conseiller : il vous le remettra ou vous l’enverra.',
    ],
  });
}

/** Le document signé, joint en PDF scellé (produit à l'envoi par `pdfSigne`). */
export function composerLivrableSigne(pdfSigne: (ctx: ContexteComposition, livrableId: number) => Promise<Buffer | undefined>) {
  return async (ctx: ContexteComposition, courriel: Courriel, donnees: Record<string, string>): Promise<Composition | undefined> => {
    const livrable = await depotParcours(ctx.db).livrable(Number(donnees.livrable));
    const pdf = livrable ? await pdfSigne(ctx, livrable.id) : undefined;
    if (!livrable || !pdf) return undefined;
    return {
      ...composerCourriel(ctx.deploiement, {
        sujet: `Votre document signé : ${TITRES[livrable.type]}`,
        salutation: SALUTATION,
        blocs: [
          `Voici votre exemplaire du document « ${TITRES[livrable.type]} », signé par votre conseiller et par vous. Gardez-le : il atteste de votre démarche.`,
          'La dernière page est la preuve de signature ; le document exact que vous avez signé est joint au PDF.',
        ],
      }),
      piecesJointes: [{ nom: `${livrable.type}-${courriel.reference ?? 'dossier'}.pdf`, type: 'application/pdf', contenu: pdf }],
    };
  };
}
