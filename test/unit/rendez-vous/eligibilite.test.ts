import { describe, expect, it } from 'vitest';
import { geographieEnMemoire } from '../../../server/construire.ts';
import { eligibilite } from '../../../server/rendez-vous/eligibilite.ts';
import { unContexte } from '../../fixtures/orientation.ts';

const { referentiel } = geographieEnMemoire();
const ctx = unContexte();
const commune = (code: string) => referentiel.commune(code)!;

describe('qui l’opérateur régional sert-il ?', () => {
  it('sert un salarié du privé ou un indépendant d’une commune d’un lot servi', () => {
    expect(eligibilite({ situation: 'salarie_prive' }, commune('93066'), [1], ctx)).toEqual({ servi: true, lot: 1 });
    expect(eligibilite({ situation: 'independant' }, commune('75111'), [1], ctx)).toEqual({ servi: true, lot: 1 });
  });
  it('oriente une personne qui cherche un emploi vers France Travail', () => {
    const r = eligibilite({ situation: 'demandeur_emploi' }, commune('93066'), [1], ctx);
    expect(r.servi).toBe(false);
    if (!r.servi) expect(r.redirection.operateur).toBe('france-travail');
  });
  it('oriente un agent public vers son employeur', () => {
    const r = eligibilite({ situation: 'agent_public' }, commune('93066'), [1], ctx);
    if (r.servi) throw new Error('servi à tort');
    expect(r.redirection.operateur).toBe('employeur-public');
    expect(r.redirection.raison).toContain('employeur');
  });
  it('oriente un salarié d’une autre région vers l’opérateur de sa région', () => {
    const r = eligibilite({ situation: 'salarie_prive' }, commune('69123'), [1], ctx);
    if (r.servi) throw new Error('servi à tort');
    expect(r.redirection.operateur).toBe('operateur-regional');
    expect(r.redirection.nom).toContain('Auvergne-Rhône-Alpes');
  });
  it('oriente une commune sans lot (Saint-Pierre-et-Miquelon) vers les opérateurs nationaux', () => {
    const r = eligibilite({ situation: 'salarie_prive' }, commune('97502'), [1], ctx);
    if (r.servi) throw new Error('servi à tort');
    // Comme l'orientation : pas d'opérateur régional désigné, France Travail conseille tous les actifs.
    expect(r.redirection.operateur).toBe('france-travail');
  });
  it('sert un étudiant qui travaille, un retraité qui travaille et un demandeur d’emploi en activité réduite', () => {
    expect(eligibilite({ situation: 'etudiant', enEmploi: true }, commune('93066'), [1], ctx)).toEqual({ servi: true, lot: 1 });
    expect(eligibilite({ situation: 'retraite', enEmploi: true }, commune('75111'), [1], ctx)).toEqual({ servi: true, lot: 1 });
    expect(eligibilite({ situation: 'demandeur_emploi', enEmploi: true }, commune('93066'), [1], ctx)).toEqual({ servi: true, lot: 1 });
  });
  it('ne sert pas un étudiant dont on ne sait pas s’il travaille : la décision est au conditionnel', () => {
    expect(eligibilite({ situation: 'etudiant' }, commune('93066'), [1], ctx).servi).toBe(false);
  });
  it('dit à une personne déjà accompagnée par un autre opérateur du CEP de continuer avec lui, sans la servir', () => {
    const r = eligibilite({ situation: 'salarie_prive', accompagnementEnCours: 'apec' }, commune('93066'), [1], ctx);
    if (r.servi) throw new Error('servi à tort : double accompagnement');
    expect(r.redirection.operateur).toBe('apec');
    expect(r.redirection.raison).toContain('déjà accompagné');
    expect(r.autres).toEqual([]);
  });
  it('sert un salarié handicapé qui choisit l’opérateur régional (Cap emploi recommandé, le choix lui appartient)', () => {
    expect(eligibilite({ situation: 'salarie_prive', handicap: true }, commune('93066'), [1], ctx)).toEqual({ servi: true, lot: 1 });
  });
  it('explique à un étudiant sans emploi que le CEP s’adresse aux actifs, sans le rejeter', () => {
    const r = eligibilite({ situation: 'etudiant', enEmploi: false, rechercheEmploi: false }, commune('75111'), [1], ctx);
    if (r.servi) throw new Error('servi à tort');
    expect(r.redirection.operateur).toBe('hors-cep');
    expect(r.redirection.contact?.url).toMatch(/^https:\/\//);
  });
  it('suit la décision de l’orientation : la même recommandation, les mêmes choix', () => {
    const r = eligibilite({ situation: 'demandeur_emploi' }, commune('93066'), [1], ctx);
    if (r.servi) throw new Error('servi à tort');
    expect(r.redirection.contact?.url).toMatch(/^https:\/\//);
    expect(r.autres.every((a) => a.nom.length > 0 && a.raison.length > 0)).toBe(true);
  });
});
