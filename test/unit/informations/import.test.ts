import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ErreurImport } from '../../../server/informations/erreur-import.ts';
import { importerFiches } from '../../../server/informations/importer-fiches.ts';
import { lirePagesOperateur } from '../../../server/informations/pages.ts';
import { deciderSelection } from '../../../server/informations/selection.ts';

const uneFiche = (surcharges: Record<string, unknown> = {}) => ({
  pubId: 'article1',
  title: 'Le bilan de compétences',
  description: 'Faire le point.',
  intro: '<p>Intro</p>',
  date: '29/01/2024',
  url: 'https://travail-emploi.gouv.fr/le-bilan-de-competences',
  sections: [{ anchor: 'a', title: 'Qui peut en bénéficier ?', html: '<p>Tout actif.</p>', text: 'Tout actif.', description: '' }],
  ...surcharges,
});

describe('la règle de sélection des fiches', () => {
  it('retient une fiche dont le titre relève d’un thème', () => {
    expect(deciderSelection({ title: 'Le compte personnel de formation (CPF)', sections: [] })).toMatchObject({
      retenue: true,
      themes: ['formation'],
    });
  });
  it('retient une fiche dont deux intertitres parlent d’un dispositif central', () => {
    const d = deciderSelection({
      title: 'La démission',
      sections: [{ title: 'Démission et reconversion' }, { title: 'Démission et chômage' }],
    });
    expect(d).toMatchObject({ retenue: true, themes: ['reconversion'] });
  });
  it('écarte les fiches destinées aux employeurs et celles hors thèmes', () => {
    expect(deciderSelection({ title: 'L’aide aux employeurs qui recrutent en apprentissage', sections: [] }).retenue).toBe(false);
    expect(deciderSelection({ title: 'Le travail de nuit', sections: [{ title: 'La formation' }] }).retenue).toBe(false);
  });
});

describe('quand une fiche du paquet est malformée', () => {
  it('arrête l’import en nommant la fiche et le champ', () => {
    expect(() => importerFiches([uneFiche(), uneFiche({ pubId: 'article2', date: '2024-01-29' })], 'x')).toThrow(
      /la fiche « article2 » \(position 2.*date : la date doit être au format JJ\/MM\/AAAA/,
    );
    expect(() => importerFiches([uneFiche({ pubId: 'article3', sections: [] })], 'x')).toThrow(ErreurImport);
    expect(() => importerFiches([uneFiche({ date: '31/02/2024' })], 'x')).toThrow(/date de mise à jour impossible/);
  });
});

describe('quand une fiche est publiée deux fois', () => {
  it('garde la plus récente, et son ancienne adresse mène à elle', () => {
    const ancienne = uneFiche({ pubId: 'a1', url: 'https://travail-emploi.gouv.fr/5-questions-bilan', date: '01/01/2023' });
    const recente = uneFiche({ pubId: 'a2' });
    const lien = uneFiche({
      pubId: 'a3',
      title: 'Le compte personnel de formation',
      url: 'https://travail-emploi.gouv.fr/cpf',
      intro: '<a href="/5-questions-bilan">bilan</a>',
    });
    const { fiches } = importerFiches([ancienne, recente, lien], '1.0.0');
    expect(fiches.map((f) => f.id)).toEqual(['a2', 'a3']);
    expect(fiches[1]!.introHtml).toBe('<a href="/informations/fiches/le-bilan-de-competences">bilan</a>');
    expect(fiches[0]).toMatchObject({
      slug: 'le-bilan-de-competences',
      miseAJour: '2024-01-29',
      urlSource: 'https://travail-emploi.gouv.fr/le-bilan-de-competences',
    });
  });
});

describe('les ancres des sections d’une fiche', () => {
  it('ne reprennent pas l’identifiant du contenu de la page et commencent par une lettre', () => {
    const section = (anchor: string, title: string) => ({ anchor, title, html: '<p>x</p>', text: 'x', description: '' });
    const { fiches } = importerFiches(
      [uneFiche({ sections: [section('contenu', 'Contenu'), section('1-salaire', '1. Le salaire'), section('', 'Contenu')] })],
      '1.0.0',
    );
    expect(fiches[0]!.sections.map((s) => s.ancre)).toEqual(['contenu-2', 'section-1-salaire', 'contenu-3']);
  });
});

describe('les pages de l’opérateur', () => {
  let dossier = '';
  afterEach(() => rmSync(dossier, { recursive: true, force: true }));
  const ecrire = (nom: string, contenu: string) => {
    dossier = mkdtempSync(join(tmpdir(), 'pages-'));
    writeFileSync(join(dossier, nom), contenu);
  };

  it('lit l’en-tête et le texte d’une page valide', () => {
    ecrire(
      'ma-page.md',
      '---\ntitre: Ma page utile\ndescription: Une page pour tester la lecture.\nmiseAJour: 2026-11-23\n---\n\n## Partie\n\nDu **texte** et [un lien](/x).\n',
    );
    expect(lirePagesOperateur(dossier)).toEqual([
      {
        slug: 'ma-page',
        titre: 'Ma page utile',
        description: 'Une page pour tester la lecture.',
        miseAJour: '2026-11-23',
        ordre: 100,
        motsCles: [],
        passages: ['Partie', 'Du texte et un lien.'],
      },
    ]);
  });

  it('refuse une page sans titre, en nommant le fichier et le champ', () => {
    ecrire('sans-titre.md', '---\ndescription: Une page pour tester la lecture.\nmiseAJour: 2026-11-23\n---\ntexte\n');
    expect(() => lirePagesOperateur(dossier)).toThrow(/sans-titre\.md : champ « titre »/);
  });

  it('refuse un titre de niveau 1 ou un saut de niveau dans le texte', () => {
    ecrire(
      'saut.md',
      '---\ntitre: Ma page utile\ndescription: Une page pour tester la lecture.\nmiseAJour: 2026-11-23\n---\n## A\n#### B\n',
    );
    expect(() => lirePagesOperateur(dossier)).toThrow(/niveau 4 suit un niveau 2/);
  });
});
