import { z } from 'zod';
import { contientCoordonnees, MESSAGE_COORDONNEES } from './coordonnees.ts';

/** Longueur maximale du commentaire : quelques phrases. */
export const LONGUEUR_MAX_COMMENTAIRE = 500;

/** Les pages qu'on peut juger : les fiches, les pages de service sous `/informations/`, et l'orientation (assistant). */
const PAGE_JUGEE = /^\/(?:orientation|informations\/(?:fiches\/)?[a-z0-9][a-z0-9-]{0,150})$/;


/** Le formulaire « Cette réponse vous a-t-elle aidé ? ». */
export const schemaAvis = z.object({
  page: z.string().trim().regex(PAGE_JUGEE, { error: 'Cette page ne reçoit pas d’avis.' }),
  origine: z.enum(['page', 'assistant'], { error: 'Cette page ne reçoit pas d’avis.' }).default('page'),
  utile: z.enum(['oui', 'non'], { error: 'Choisissez « Oui » ou « Non ».' }).transform((v) => v === 'oui'),
  commentaire: z
    .string()
    .trim()
    .max(LONGUEUR_MAX_COMMENTAIRE, { error: `Votre commentaire est trop long : ${LONGUEUR_MAX_COMMENTAIRE} caractères au plus.` })
    .refine((t) => !contientCoordonnees(t), { error: MESSAGE_COORDONNEES })
    .optional()
    .transform((t) => (t ? t : undefined)),
});

/** Un avis validé. */
export type Avis = z.output<typeof schemaAvis>;
