import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { dateHeureHorodatage, ErreurExport, exporterTable } from '../../../server/export/ecrire.ts';

const schema = z.object({ identifiant: z.string(), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), motif: z.string(), traite: z.boolean() });

describe('exporterTable', () => {
  it('écrit la même table en CSV (avec en-tête, `;`, guillemets) et en JSON', async () => {
    const dossier = mkdtempSync(join(tmpdir(), 'export-'));
    const r = await exporterTable({
      dossier,
      nom: 'essai',
      schema,
      lignes: [[{ identifiant: 'A1', date: '2026-11-23', motif: 'accueil; "long"', traite: true }], [{ identifiant: 'A2', date: '2026-11-23', motif: 'autre', traite: false }]],
    });
    expect(r.enregistrements).toBe(2);
    expect(readFileSync(join(dossier, 'essai.csv'), 'utf8')).toBe('\uFEFFidentifiant;date;motif;traite\nA1;2026-11-23;"accueil; ""long""";oui\nA2;2026-11-23;autre;non\n');
    expect(JSON.parse(readFileSync(join(dossier, 'essai.json'), 'utf8'))).toEqual([
      { identifiant: 'A1', date: '2026-11-23', motif: 'accueil; "long"', traite: true },
      { identifiant: 'A2', date: '2026-11-23', motif: 'autre', traite: false },
    ]);
  });
  it('écrit un tableau JSON vide quand il n’y a rien ce jour-là', async () => {
    const dossier = mkdtempSync(join(tmpdir(), 'export-'));
    await exporterTable({ dossier, nom: 'vide', schema, lignes: [] });
    expect(JSON.parse(readFileSync(join(dossier, 'vide.json'), 'utf8'))).toEqual([]);
  });
  it('refuse un enregistrement invalide en le nommant, et ne laisse aucun fichier', async () => {
    const dossier = mkdtempSync(join(tmpdir(), 'export-'));
    const lignes = [[{ identifiant: 'B1', date: '2026-11-23', motif: 'x', traite: true }, { identifiant: 'B2', date: '23/11/2026', motif: 'x', traite: true }]];
    await expect(exporterTable({ dossier, nom: 'faux', schema, lignes })).rejects.toThrow(ErreurExport);
    await expect(exporterTable({ dossier, nom: 'faux', schema, lignes })).rejects.toThrow(/B2.*date/);
    expect(readdirSync(dossier)).toEqual([]);
    expect(existsSync(join(dossier, 'faux.csv'))).toBe(false);
  });
});

describe('dateHeureHorodatage', () => {
  it('donne la date et l’heure de Paris d’un instant UTC', () => {
    expect(dateHeureHorodatage('2026-11-23T23:30:00.000Z')).toEqual({ date: '2026-11-24', heure: '00:30:00', horodatage: '2026-11-23T23:30:00.000Z' });
    expect(dateHeureHorodatage('2026-07-01T10:00:00.000Z')).toMatchObject({ heure: '12:00:00' });
  });
});
