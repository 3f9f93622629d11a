import { z } from 'zod';
import { estDateCivile } from '../calendrier/dates.ts';
import { MODES_GUICHET, schemaProfil } from '../orientation/schema.ts';

const vide = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const caseCochee = (v: unknown) => (v === undefined || v === '' ? undefined : v === 'oui' || v === 'on');
const nombre = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : undefined);
const ligne = (max: number) =>
  z.preprocess(
    vide,
    z
      .string()
      .trim()
      .max(max, `${max} caractères au plus.`)
      .refine((t) => !/\p{Cc}/u.test(t), 'Ce texte contient des caractères invisibles : retapez-le.')
      .optional(),
  );

/**
 * Une orientation donnée par un conseiller (formulaire de l'espace conseiller, champs texte) : le profil que lit la
 * décision de l'assistant, le mode de contact, et l'identité que la personne a bien voulu donner (facultative).
 */
export const schemaOrientationGuichet = z.object({
  /** Comment la personne a été orientée. */
  modeContact: z.enum(MODES_GUICHET, {
    error: 'Choisissez comment la personne a été orientée : à l’accueil, par téléphone ou par courriel.',
  }),
  situation: schemaProfil.shape.situation,
  enEmploi: z.preprocess(caseCochee, schemaProfil.shape.enEmploi),
  rechercheEmploi: z.preprocess(caseCochee, schemaProfil.shape.rechercheEmploi),
  cadre: z.preprocess(caseCochee, schemaProfil.shape.cadre),
  handicap: z.preprocess(caseCochee, schemaProfil.shape.handicap),
  age: z.preprocess(nombre, schemaProfil.shape.age),
  accompagnementEnCours: z.preprocess(vide, schemaProfil.shape.accompagnementEnCours),
  communeResidence: z.preprocess(vide, schemaProfil.shape.communeResidence),
  communeTravail: z.preprocess(vide, schemaProfil.shape.communeTravail),
  motif: z.preprocess(vide, schemaProfil.shape.motif),
  /** Nom, si la personne le donne (annexe 2 : identité dès l'UO 0). */
  nom: ligne(100),
  /** Prénom, si la personne le donne. */
  prenom: ligne(100),
  /** Date de naissance AAAA-MM-JJ, si la personne la donne. */
  dateNaissance: z.preprocess(
    vide,
    z.string().trim().refine(estDateCivile, 'Date de naissance au format AAAA-MM-JJ, par exemple 1980-04-23.').optional(),
  ),
});
export type OrientationGuichet = z.infer<typeof schemaOrientationGuichet>;
