import type { BaseDeDonnees } from '../db/client.ts';
import type { Deploiement } from './deploiement/schema.ts';
import type { Journal } from './journal.ts';
import type { Operateurs } from './orientation/operateurs.ts';
import type { RechercheCommunes } from './territoires/recherche-communes.ts';
import type { Referentiel } from './territoires/referentiel.ts';

/**
 * Ce dont les cas d'usage ont besoin, construit une fois par `server/main.ts` (ou par un test)
 * et transmis aux routes Hono comme aux pages Astro (`Astro.locals.deps`).
 */
export interface Dependances {
  db: BaseDeDonnees;
  deploiement: Deploiement;
  referentiel: Referentiel;
  communes: RechercheCommunes;
  journal: Journal;
  /** Les opérateurs du CEP (content/operateurs/), validés au démarrage. */
  operateurs: Operateurs;
  /** L'heure courante ; les tests la fixent. */
  maintenant: () => Date;
  /** Adresse publique du portail, sans barre finale. */
  urlPublique: string;
}
