import { describe, expect, it } from 'vitest';
import { idChampEspace } from '../../../server/parcours/page-espace.ts';

describe('le résumé des erreurs de « Mon espace » mène au champ en cause', () => {
  it('signature : la mention et le code du document en cause, le formulaire pour le reste', () => {
    expect(idChampEspace('signe-12', 'mention')).toBe('mention-12');
    expect(idChampEspace('signe-12', 'code')).toBe('code-12');
    expect(idChampEspace('signe-12', 'empreinte')).toBe('form-signe-12');
    expect(idChampEspace('code-12', 'requete')).toBe('form-code-12');
  });

  it('coordonnées, clôture et données de l’UO 1 : le champ affiché', () => {
    expect(idChampEspace('coordonnees', 'email')).toBe('coord-email');
    expect(idChampEspace('coordonnees', 'telephone')).toBe('coord-telephone');
    expect(idChampEspace('clore', 'texte')).toBe('clore-texte');
    expect(idChampEspace('donnees', 'codePostal', ['sexe', 'codePostal'])).toBe('donnee-codePostal');
  });

  it('un champ qui n’est pas affiché, ou une action inconnue : le formulaire', () => {
    expect(idChampEspace('donnees', 'constructor', ['sexe'])).toBe('form-donnees');
    expect(idChampEspace('coordonnees', 'requete')).toBe('form-coordonnees');
    expect(idChampEspace('inconnue', 'x')).toBe('form-inconnue');
  });
});
