import { Hono } from 'hono';
import type { Dependances } from '../dependances.ts';
import { echecDe, repondreEchec } from '../http/erreurs.ts';
import { porte, type VariablesPorte } from '../http/porte.ts';
import { ERREURS_PARCOURS } from './erreurs.ts';
import { demanderLien } from './espace.ts';
import { REGLES_LIEN_ESPACE } from './page-espace.ts';

/**
 * `POST /api/mon-espace/lien { "email": "…" }` : toujours `202` et le même corps, que l'adresse soit connue ou non (pas
 * d'énumération des dossiers) ; le lien à usage unique ne part qu'à l'adresse d'un dossier suivi. Seule une adresse mal
 * écrite est refusée (400), ce qui ne dit rien des dossiers. Limité par adresse IP (`mon-espace`).
 */
export function routesMonEspace(deps: Dependances) {
  return new Hono<VariablesPorte>().post('/lien', porte(deps, { ...REGLES_LIEN_ESPACE, corps: { json: 1024 } }), async (c) => {
    const corps = c.get('corps');
    const r = await demanderLien(deps, corps?.type === 'json' ? corps.valeur : {});
    if (!r.ok) return repondreEchec(c, echecDe(ERREURS_PARCOURS, r));
    return c.json({ message: r.message }, 202);
  });
}
