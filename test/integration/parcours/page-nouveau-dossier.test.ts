import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConseillerConnecte } from '../../../server/conseiller/service.ts';
import type { Passage } from '../../../server/http/porte.ts';
import { pageNouveauDossier } from '../../../server/parcours/page-nouveau-dossier.ts';
import { depotParcours } from '../../../server/parcours/repository.ts';
import { unParcoursDeTest } from '../../fixtures/parcours.ts';

let p: ReturnType<typeof unParcoursDeTest>;
let moi: ConseillerConnecte;
beforeEach(() => {
  p = unParcoursDeTest({ maintenant: '2026-12-04T10:00:00Z' });
  const { id, identifiant, nomAffiche, role } = p.conseiller;
  moi = { id, identifiant, nomAffiche, role, jetonCsrf: 'x' };
});
afterEach(() => p.fermer());

/** Le formulaire « Ouvrir un dossier sans demande », tel que la porte le rend. */
const envoi = (surcharges: Record<string, string> = {}): Passage => {
  const champs: Record<string, string> = {
    nom: 'Bernard',
    prenom: 'Sami',
    email: '',
    sansCourriel: 'oui',
    telephone: '',
    commune: '93200',
    statut: 'salarie_prive',
    modeContact: 'presentiel',
    ...surcharges,
  };
  const f = new FormData();
  for (const [k, v] of Object.entries(champs)) if (v !== '-') f.append(k, v);
  return { ok: true, corps: { type: 'formulaire', champs: f, fichiers: [], tropDeFichiers: false } };
};
const nombreDeDossiers = () => p.deps.db.$client.prepare('select count(*) from dossiers').pluck().get();

describe('la page « Ouvrir un dossier sans demande »', () => {
  it('ouvre le dossier d’une personne sans adresse (commune donnée par son code postal) et mène à sa fiche', () => {
    const vue = pageNouveauDossier(p.deps, moi, envoi());
    const dossier = depotParcours(p.deps.db).dossier(1);
    expect(vue.redirection).toBe('/espace-conseiller/parcours/1');
    expect(dossier).toMatchObject({ email: null, telephone: null, commune: '93066', modeContact: 'presentiel' });
  });

  it('case non cochée et adresse vide : 400, l’erreur est sur l’adresse, la saisie est réaffichée, rien n’est créé', () => {
    const vue = pageNouveauDossier(p.deps, moi, envoi({ sansCourriel: '-', telephone: '06 12 34 56 78' }));
    expect(vue.echec).toEqual({
      statut: 400,
      erreurs: [{ champ: 'email', message: 'Indiquez l’adresse électronique, ou cochez « La personne n’a pas d’adresse électronique ».' }],
    });
    expect(vue.saisie).toMatchObject({
      nom: 'Bernard',
      sansCourriel: false,
      telephone: '06 12 34 56 78',
      commune: 'Saint-Denis (93)',
    });
    expect(nombreDeDossiers()).toBe(0);
  });

  it('dit chaque champ à corriger, en français et dans l’ordre du formulaire, la commune une seule fois', () => {
    const vue = pageNouveauDossier(p.deps, moi, envoi({ nom: '', commune: 'Zzyzx', statut: '', modeContact: '-' }));
    expect(vue.echec?.erreurs.map((e) => e.champ)).toEqual(['nom', 'commune', 'statut', 'modeContact']);
    expect(vue.echec?.erreurs.find((e) => e.champ === 'commune')?.message).toBe(
      'Aucune commune ne s’appelle « Zzyzx ». Vérifiez l’orthographe ou tapez le code postal.',
    );
    expect(nombreDeDossiers()).toBe(0);
  });

  it('une commune ambiguë (code postal de Paris 11e) propose les communes au choix ; la commune choisie ouvre le dossier', () => {
    const vue = pageNouveauDossier(p.deps, moi, envoi({ commune: '75011' }));
    expect(vue.echec?.erreurs).toEqual([
      { champ: 'commune', message: 'Plusieurs communes correspondent à « 75011 » : choisissez-la dans la liste.' },
    ]);
    expect(vue.choixCommunes?.map((c) => c.code)).toEqual(['75056', '75111']);
    expect(vue.choixCommunes?.[1]?.libelle).toBe('Paris 11e Arrondissement (75) – 75011');
    expect(nombreDeDossiers()).toBe(0);
    const choisie = pageNouveauDossier(p.deps, moi, envoi({ commune: '75011', communeCode: '75111' }));
    expect(choisie.redirection).toBe('/espace-conseiller/parcours/1');
    expect(depotParcours(p.deps.db).dossier(1)?.commune).toBe('75111');
  });

  it('sans envoi, montre un formulaire vide, la case décochée', () => {
    expect(pageNouveauDossier(p.deps, moi, undefined)).toEqual({
      saisie: expect.objectContaining({ nom: '', sansCourriel: false }) as unknown,
    });
  });
});
