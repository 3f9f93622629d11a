import { describe, expect, it } from 'vitest';
import { geographieEnMemoire } from '../../../server/construire.ts';
import { eligibilite } from '../../../server/rendez-vous/public.ts';

const { referentiel } = geographieEnMemoire();
const commune = (code: string) => referentiel.commune(code)!;

describe('qui l’opérateur régional sert-il ?', () => {
  it('sert un salarié du privé ou un indépendant d’une commune d’un lot servi', () => {
    expect(eligibilite('salarie_prive', commune('93066'), [1], referentiel)).toEqual({ servi: true, lot: 1 });
    expect(eligibilite('independant', commune('75111'), [1], referentiel)).toEqual({ servi: true, lot: 1 });
  });
  it('oriente une personne qui cherche un emploi vers France Travail', () => {
    const r = eligibilite('demandeur_emploi', commune('93066'), [1], referentiel);
    expect(r.servi).toBe(false);
    if (!r.servi) expect(r.redirection.operateur).toBe('france-travail');
  });
  it('oriente un agent public vers son employeur', () => {
    const r = eligibilite('agent_public', commune('93066'), [1], referentiel);
    if (r.servi) throw new Error('servi à tort');
    expect(r.redirection.operateur).toBe('employeur-public');
    expect(r.redirection.raison).toContain('employeur');
  });
  it('oriente un salarié d’une autre région vers l’opérateur de sa région', () => {
    const r = eligibilite('salarie_prive', commune('69123'), [1], referentiel);
    if (r.servi) throw new Error('servi à tort');
    expect(r.redirection.operateur).toBe('operateur-regional');
    expect(r.redirection.nom).toContain('Auvergne-Rhône-Alpes');
  });
  it('oriente une commune sans lot (Saint-Pierre-et-Miquelon) vers les opérateurs nationaux', () => {
    const r = eligibilite('salarie_prive', commune('97502'), [1], referentiel);
    if (r.servi) throw new Error('servi à tort');
    expect(r.redirection.operateur).toBe('france-travail');
    expect(r.autres.map((a) => a.operateur)).toContain('apec');
  });
  it('explique à un étudiant sans emploi que le CEP s’adresse aux actifs, sans le rejeter', () => {
    const r = eligibilite('etudiant', commune('75111'), [1], referentiel);
    if (r.servi) throw new Error('servi à tort');
    expect(r.redirection.operateur).toBe('hors-cep');
    expect(r.redirection.contact?.url).toContain('francetravail');
  });
  it('sert toute région servie par un déploiement national', () => {
    expect(eligibilite('salarie_prive', commune('69123'), [1, 2, 3], referentiel)).toEqual({ servi: true, lot: 2 });
  });
});
