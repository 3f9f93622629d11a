import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importerOrganismes } from '../../server/organismes/import.ts';
import { listeComplete, listerOrganismes, melanger, PAR_PAGE, schemaFiltresOrganismes } from '../../server/organismes/service.ts';
import type { Dependances } from '../../server/dependances.ts';
import { uneAppDeTestSur, type AppDeTest } from '../fixtures/app.ts';
import { MOTEURS } from '../fixtures/deux-moteurs.ts';
import { ecrireCsvOrganismes, unOrganisme } from '../fixtures/organismes.ts';

describe.each(MOTEURS)('la liste des organismes sur %s', (moteur) => {
  let app: AppDeTest;
  let deps: Dependances;
  afterAll(() => app.fermer());

  const NOMS = ['Zénith Formation', 'abc conseil', 'Émergence Bilans', 'Bilan Plus', 'Delta VAE', 'étoile compétences'];
  beforeAll(async () => {
    app = await uneAppDeTestSur(moteur);
    deps = { ...app.deps, deploiement: { ...app.deps.deploiement, organismesPropres: ['900000003'] } };
    const lignes = Array.from({ length: 130 }, (_, i) =>
      unOrganisme({
        numeroDeclarationActivite: `11${String(100000000 + i)}`,
        denomination: i < NOMS.length ? NOMS[i]! : `Organisme ${String(i).padStart(3, '0')}`,
        siren: String(900000000 + i),
        'certifications.bilansDeCompetences': String(i % 2 === 0),
        'informationsDeclarees.specialitesDeFormation.codeSpecialite1': i % 3 === 0 ? '415' : '315',
      }),
    );
    lignes.push(unOrganisme({ numeroDeclarationActivite: '84690000001', denomination: 'Lyonnais', siren: '111111111', 'adressePhysiqueOrganismeFormation.codePostal': '69003', 'adressePhysiqueOrganismeFormation.ville': 'LYON', 'adressePhysiqueOrganismeFormation.codeRegion': '84' }));
    const fichier = join(mkdtempSync(join(tmpdir(), 'portail-cep-of-liste-')), 'liste.csv');
    ecrireCsvOrganismes(fichier, lignes);
    await importerOrganismes(app.deps, fichier);
  });

  const filtres = (f: Record<string, string>) => schemaFiltresOrganismes.parse(f);

  describe('la liste des organismes d’une région pour une prestation', () => {
    it('montre chaque organisme certifié, une fois, page après page', async () => {
      const f = filtres({ region: '11', prestation: 'bilan-de-competences' });
      const premiere = await listerOrganismes(deps, f);
      expect(premiere.total).toBe(65);
      expect(premiere.pages).toBe(Math.ceil(65 / PAR_PAGE));
      const vus = [premiere, await listerOrganismes(deps, { ...f, page: 2 })].flatMap((p) => p.resultats.map((o) => o.numero));
      expect(new Set(vus).size).toBe(65);
      expect(premiere.resultats.every((o) => o.certifications.includes('bilan-de-competences'))).toBe(true);
    });
    it('n’y met que les organismes de la région demandée', async () => {
      expect((await listerOrganismes(deps, filtres({ region: '84' }))).resultats.map((o) => o.denomination)).toEqual(['Lyonnais']);
    });
    it('ajoute les non-certifiés seulement si on le demande', async () => {
      expect((await listerOrganismes(deps, filtres({ region: '11', prestation: 'bilan-de-competences', certifies: 'non' }))).total).toBe(130);
    });
    it('filtre par spécialité', async () => {
      expect((await listerOrganismes(deps, filtres({ region: '11', specialite: '415' }))).total).toBe(44);
    });
    it('signale les organismes de l’opérateur, sans les déplacer', async () => {
      const liste = await listeComplete(deps, filtres({ region: '11', prestation: 'bilan-de-competences', certifies: 'non' }));
      expect(liste.filter((o) => o.organismeDeLOperateur).map((o) => o.denomination)).toEqual(['Bilan Plus']);
    });

    describe('l’ordre ne favorise personne', () => {
      it('alphabétique, sans tenir compte des accents ni des majuscules', async () => {
        const noms = (await listeComplete(deps, filtres({ region: '11', certifies: 'non' }))).map((o) => o.denomination).filter((n) => NOMS.includes(n));
        expect(noms).toEqual(['abc conseil', 'Bilan Plus', 'Delta VAE', 'Émergence Bilans', 'étoile compétences', 'Zénith Formation']);
      });
      it('tiré au hasard : la même graine redonne le même ordre, une autre graine en donne un autre', async () => {
        const a = (await listeComplete(deps, filtres({ region: '11', ordre: 'hasard', graine: '42' }))).map((o) => o.numero);
        const b = (await listeComplete(deps, filtres({ region: '11', ordre: 'hasard', graine: '42' }))).map((o) => o.numero);
        const c = (await listeComplete(deps, filtres({ region: '11', ordre: 'hasard', graine: '43' }))).map((o) => o.numero);
        expect(a).toEqual(b);
        expect(a).not.toEqual(c);
        expect([...a].sort()).toEqual([...c].sort());
      });
      it('tiré au hasard : l’ordre ne dépend que de la graine et des numéros, pas de l’ordre du fichier', () => {
        const numeros = ['11000000001', '11000000002', '11000000003', '11000000004'];
        expect(melanger(numeros, 7)).toEqual(melanger([...numeros].reverse(), 7));
      });
      it('la page 2 d’un tirage continue le même tirage', async () => {
        const f = filtres({ region: '11', ordre: 'hasard', graine: '5', certifies: 'non' });
        const complet = (await listeComplete(deps, f)).map((o) => o.numero);
        const pages: string[] = [];
        for (const page of [1, 2, 3]) pages.push(...(await listerOrganismes(deps, { ...f, page })).resultats.map((o) => o.numero));
        expect(pages).toEqual(complet);
      });
    });
  });

  describe('GET /api/organismes', () => {
    it('répond la liste au format JSON', async () => {
      const r = await app.api.request('/api/organismes?region=11&prestation=vae');
      expect(r.status).toBe(200);
      expect(await r.json()).toMatchObject({ total: expect.any(Number) as number, page: 1, ordre: 'alphabetique', dateDonnees: '2026-03-15' });
    });
    it.each([
      ['region=ile-de-france', 'region'],
      ['prestation=coaching', 'prestation'],
      ['ordre=par-note', 'ordre'],
      ['page=0', 'page'],
      ['graine=abc&ordre=hasard', 'graine'],
    ])('répond 400 en français pour %s', async (requete, champ) => {
      const r = await app.api.request(`/api/organismes?${requete}`);
      expect(r.status).toBe(400);
      expect(((await r.json()) as { erreurs: { champ: string }[] }).erreurs[0]!.champ).toBe(champ);
    });
    it('exporte toute la sélection en CSV', async () => {
      const r = await app.api.request('/api/organismes/export.csv?region=11&prestation=bilan-de-competences');
      expect(r.headers.get('content-type')).toContain('text/csv');
      expect((await r.text()).trim().split('\r\n')).toHaveLength(66);
    });
  });
});
