import { z } from 'zod';
import { schemaCodeCommune } from '../territoires/schema.ts';
import { estDateCivile } from './dates.ts';

/** Paramètres de `GET /api/calendrier/echeance`. */
export const schemaRequeteEcheance = z.object({
  /** Date de départ, exclue du décompte. @example '2026-11-23' */
  depuis: z
    .string({ error: 'Indiquez la date de départ (paramètre depuis) au format AAAA-MM-JJ.' })
    .refine(estDateCivile, 'La date de départ doit exister et être au format AAAA-MM-JJ, par exemple 2026-11-23.'),
  /** Nombre de jours ouvrés, de 0 à 1000. @example 30 */
  jours: z.coerce
    .number({ error: 'Le nombre de jours doit être un nombre entier entre 0 et 1000.' })
    .int('Le nombre de jours doit être un nombre entier entre 0 et 1000.')
    .min(0, 'Le nombre de jours ne peut pas être négatif.')
    .max(1000, 'Le nombre de jours ne peut pas dépasser 1000.'),
  /** Code INSEE de la commune dont on applique les jours fériés. */
  commune: schemaCodeCommune,
});
