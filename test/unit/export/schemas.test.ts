import { describe, expect, it } from 'vitest';
import { CANAUX_ECHANGE, MOTIFS_DEMANDE } from '../../../server/export/schemas.ts';
import { CANAUX } from '../../../server/rendez-vous/file-d-attente.ts';
import { MOTIFS } from '../../../server/rendez-vous/schema.ts';

describe('les listes recopiées dans les schémas de l’export', () => {
  it('restent celles du rendez-vous', () => {
    expect(MOTIFS_DEMANDE).toEqual(MOTIFS);
    expect(CANAUX_ECHANGE).toEqual(CANAUX);
  });
});
