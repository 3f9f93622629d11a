import { describe, expect, it } from 'vitest';
import { rapport, rapports } from '../../../bench/moteurs.ts';

describe('le rapport PostgreSQL / SQLite du banc', () => {
  it('rapporte chaque nombre PostgreSQL au nombre au même endroit sur SQLite, à trois décimales', () => {
    const sqlite = { mesures: [{ cible: '/api/sante', reqParS: 3000, p99: 2 }], base: { octets: 1000 } };
    const postgres = { mesures: [{ cible: '/api/sante', reqParS: 1000, p99: 5 }], base: { octets: 1500 } };
    expect(rapports(postgres, sqlite)).toEqual({ mesures: [{ reqParS: 0.333, p99: 2.5 }], base: { octets: 1.5 } });
  });

  it('laisse de côté ce qui n’est pas un nombre des deux côtés (textes, mesures faites sur SQLite seulement, budgets)', () => {
    const sqlite = { poids: { html: 5609 }, liste: { p95: 4 }, budgets: [{ valeur: 1 }] };
    const postgres = { liste: { p95: 8, cible: '/api/organismes' }, budgets: [{ valeur: 2 }] };
    expect(rapports(postgres, sqlite)).toEqual({ liste: { p95: 2 } });
  });

  it('ne rapporte rien à un zéro SQLite (pas de rapport plutôt qu’un faux 0)', () => {
    expect(rapport(3, 0)).toBeNull();
    expect(rapport(0, 0)).toBeNull();
    expect(rapports({ erreurs: 0 }, { erreurs: 0 })).toEqual({ erreurs: null });
  });
});
