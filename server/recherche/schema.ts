import { z } from 'zod';

/** Paramètres de `GET /api/recherche`, validés contre les types connus du moteur. */
export function schemaDemandeRecherche(types: readonly string[]) {
  return z.object({
    /** Ce que la personne a tapé. @example 'changer de métier' */
    q: z
      .string({ error: 'Indiquez ce que vous cherchez (paramètre q).' })
      .trim()
      .min(1, 'Indiquez ce que vous cherchez (paramètre q).')
      .max(200, 'La recherche est trop longue : 200 caractères au plus.'),
    /** Filtre sur un type de document. */
    type: z.enum(types as [string, ...string[]], { error: `Le type doit être l’un de : ${types.join(', ')}.` }).optional(),
    /** Nombre de résultats, 10 par défaut. */
    limit: z.coerce
      .number({ error: 'La limite doit être un nombre entre 1 et 50.' })
      .int('La limite doit être un nombre entier entre 1 et 50.')
      .min(1, 'La limite doit être un nombre entre 1 et 50.')
      .max(50, 'La limite doit être un nombre entre 1 et 50.')
      .default(10),
  });
}
