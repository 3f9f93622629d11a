import { z } from 'zod';

/** Paramètres de `GET /api/communes`. */
export const schemaRechercheCommunes = z.object({
  /** Début du nom ou code postal. @example 'st denis' */
  q: z
    .string({ error: 'Indiquez le nom ou le code postal de la commune (paramètre q).' })
    .trim()
    .min(1, 'Indiquez le nom ou le code postal de la commune (paramètre q).')
    .max(100, 'La recherche est trop longue : 100 caractères au plus.'),
  /** Nombre de résultats, 10 par défaut. */
  limite: z.coerce
    .number({ error: 'La limite doit être un nombre entre 1 et 50.' })
    .int('La limite doit être un nombre entier entre 1 et 50.')
    .min(1, 'La limite doit être un nombre entre 1 et 50.')
    .max(50, 'La limite doit être un nombre entre 1 et 50.')
    .default(10),
});

/** Code INSEE de commune : 5 caractères, 2A/2B pour la Corse. */
export const schemaCodeCommune = z
  .string({ error: 'Indiquez le code INSEE de la commune (5 caractères).' })
  .trim()
  .toUpperCase()
  .regex(/^[0-9][0-9AB][0-9]{3}$/, 'Le code commune doit être un code INSEE de 5 caractères, par exemple 75056 ou 2A004.');

/** Une commune telle que l'API la renvoie. */
export interface CommunePublique {
  code: string;
  nom: string;
  codesPostaux: string[];
  /** Code du département. */
  departement: string;
  /** Code de la région. */
  region: string;
}
