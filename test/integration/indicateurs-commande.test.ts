import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { uneBaseDeCommandePourCeBloc } from '../fixtures/base-de-commande.ts';
import { executerCommande } from '../fixtures/commandes.ts';
import { MOTEURS } from '../fixtures/deux-moteurs.ts';

describe.each(MOTEURS)('la commande des indicateurs sur %s', (moteur) => {
  const base = uneBaseDeCommandePourCeBloc(moteur);

  /** `npm run export:indicateurs` tel qu'il tourne en production (même commande que package.json). */
  const commande = (...args: string[]) =>
    executerCommande('export-indicateurs.ts', { DATABASE_URL: base.url, EXPORT_DIR: join(base.dossier, 'exports') }, ...args);

  describe('npm run export:indicateurs', () => {
    it('refuse un mois mal écrit (code 2), en français, sans rien écrire', async () => {
      const r = await commande('--mois=2026-13');
      expect(r.code).toBe(2);
      expect(r.erreur).toContain('écrivez --mois=AAAA-MM');
      expect(existsSync(join(base.dossier, 'exports'))).toBe(false);
    });

    it('écrit le CSV du mois sans point d’échange configuré, et le dit', async () => {
      const r = await commande('--mois=2026-11');
      expect(r.code).toBe(0);
      expect(r.sortie).toContain('TRANSMISSION_URL absente');
      const csv = readFileSync(join(base.dossier, 'exports', 'cep-01-2026-11-indicateurs.csv'), 'utf8');
      expect(csv.split('\n')[0]).toContain(';');
    });
  });
});
