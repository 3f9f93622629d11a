import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tables } from '../../db/moteur.ts';
import { creerCompte } from '../../server/conseiller/service.ts';
import { importerOrganismes } from '../../server/organismes/import.ts';
import { reorienterDemande } from '../../server/rendez-vous/file-d-attente.ts';
import { resoudreCommune } from '../../server/territoires/resoudre.ts';
import { normaliser, normaliserNomLieu } from '../../server/texte/normaliser.ts';
import { uneAppDeTestSur, type AppDeTest } from '../fixtures/app.ts';
import { MOTEURS } from '../fixtures/deux-moteurs.ts';
import { ecrireCsvOrganismes, unOrganisme } from '../fixtures/organismes.ts';
import { posterDemande, uneDemandeDeRendezVous } from '../fixtures/rendez-vous.ts';

/**
 * Les noms des propriétés qu'un objet JavaScript hérite (`constructor`, `__proto__`, `toString`…), et ceux des
 * tableaux, chaînes et fonctions (`length`, `map`, `call`…) : un mot tapé par une personne qui sert de clé dans une
 * table ne doit jamais tomber sur l'un d'eux.
 */
const NOMS = [
  ...new Set(
    [Object.prototype, Array.prototype, String.prototype, Function.prototype, Number.prototype]
      .flatMap((p) => Object.getOwnPropertyNames(p))
      .concat(['__proto__', 'prototype', 'then', 'caller', 'arguments']),
  ),
].sort();

/** Chaque nom seul, en capitales, dans une phrase, à la place d'une commune ou d'un nombre. */
const textes = (nom: string) => [
  nom,
  nom.toUpperCase(),
  `je suis ${nom}`,
  `j’habite à ${nom}`,
  `j’ai ${nom} ans, ${nom} ${nom}`,
  `${nom} de ${nom}`,
];

describe.each(MOTEURS)('les noms de propriétés JavaScript sur %s', (moteur) => {
  let app: AppDeTest;
  let dossier: string;
  beforeAll(async () => {
    app = await uneAppDeTestSur(moteur);
    dossier = mkdtempSync(join(tmpdir(), 'portail-cep-noms-'));
    const fichier = join(dossier, 'organismes.csv');
    ecrireCsvOrganismes(fichier, [
      unOrganisme({ numeroDeclarationActivite: '11930000004', denomination: 'Bilan Émergence', siren: '930000004' }),
    ]);
    await importerOrganismes(app.deps, fichier);
  });
  afterAll(async () => {
    await app.fermer();
    rmSync(dossier, { recursive: true, force: true });
  });

  /** Les réponses 5xx d'une entrée publique, avec le texte qui les a causées. */
  async function echecs(requete: (texte: string) => Promise<Response>): Promise<string[]> {
    const rates: string[] = [];
    for (const nom of NOMS)
      for (const texte of textes(nom)) {
        const r = await requete(texte);
        if (r.status >= 500) rates.push(`${r.status} ← ${texte}`);
        else await r.body?.cancel();
      }
    return rates;
  }

  describe('un mot qui est un nom de propriété JavaScript', () => {
    it(`est compris comme un mot par POST /api/orientation/comprendre (${NOMS.length} noms)`, async () => {
      const rates = await echecs((texte) =>
        Promise.resolve(
          app.api.request('/api/orientation/comprendre', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ texte }),
          }),
        ),
      );
      expect(rates).toEqual([]);
    });
    it('ne change rien à ce que comprend POST /api/orientation/comprendre', async () => {
      const lire = async (texte: string) =>
        (await (
          await app.api.request('/api/orientation/comprendre', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ texte }),
          })
        ).json()) as {
          profil: Record<string, unknown>;
        };
      for (const nom of ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty']) {
        expect((await lire(`je suis salarié, ${nom}`)).profil, nom).toEqual((await lire('je suis salarié')).profil);
      }
    });
    // Un test par type : chacun envoie des centaines de recherches, et le délai d'un test vaut pour un seul type.
    it.each(['', 'fiche', 'page', 'territoire', 'commune', 'organisme'])('est cherché comme un mot par GET /api/recherche, pour le type de résultat « %s »', async (type) => {
      const rates = await echecs((q) => Promise.resolve(app.api.request(`/api/recherche?${new URLSearchParams(type ? { q, type } : { q })}`)));
      expect(rates, type || 'tous types').toEqual([]);
    });
    it('est cherché comme un nom de commune par GET /api/communes', async () => {
      const rates = await echecs((q) => Promise.resolve(app.api.request(`/api/communes?${new URLSearchParams({ q })}`)));
      expect(rates).toEqual([]);
    });
    it('n’est pas un code de commune, et ne trouve comme nom que de vraies communes (« Ma commune », formulaires)', () => {
      const vraie = (c: { code: string }) => /^[0-9][0-9AB][0-9]{3}$/.test(c.code) && app.deps.referentiel.commune(c.code) === c;
      for (const nom of NOMS) {
        expect(resoudreCommune({ code: nom, texte: '' }, app.deps.referentiel, app.deps.communes).statut, nom).toBe('vide');
        expect(app.deps.referentiel.commune(nom), nom).toBeUndefined();
        for (const texte of textes(nom)) {
          const resolution = resoudreCommune({ texte }, app.deps.referentiel, app.deps.communes);
          if (resolution.statut === 'trouvee') expect(vraie(resolution.commune), texte).toBe(true);
          if (resolution.statut === 'ambigue') expect(resolution.choix.every(vraie), texte).toBe(true);
        }
      }
    });
    it('reste le même mot une fois normalisé comme un nom de lieu (« St » devient « saint », « constructor » ne devient rien d’autre)', () => {
      for (const nom of NOMS) expect(normaliserNomLieu(nom), nom).toBe(normaliser(nom));
    });
    it('n’est pas un opérateur vers qui réorienter une demande de rendez-vous', async () => {
      const r = await creerCompte(app.deps, {
        identifiant: 'reorientation@exemple.fr',
        nomAffiche: 'Réo',
        role: 'conseiller',
        motDePasse: 'un mot de passe assez long',
      });
      if (!r.ok) throw new Error(r.erreur);
      const { reference } = (await (
        await posterDemande(app.api, uneDemandeDeRendezVous({ rappel: true, modalite: 'telephone' }))
      ).json()) as { reference: string };
      for (const nom of NOMS) {
        expect(
          await reorienterDemande(app.deps, { id: r.compte.id }, reference, { vers: nom, motif: 'Essai de réorientation' }),
          nom,
        ).toMatchObject({ ok: false, champ: 'vers' });
      }
      expect(
        (await app.deps.db.select().from(tables(app.deps.db).demandes)).find((d) => d.reference === reference),
      ).toMatchObject({ statut: 'ouverte', reorienteeVers: null });
    });
    it('est un filtre refusé en français par GET /api/organismes, pas une erreur 500', async () => {
      for (const nom of NOMS) {
        for (const champ of ['prestation', 'region', 'departement', 'specialite', 'ordre', 'certifies']) {
          const r = await app.api.request(`/api/organismes?${new URLSearchParams({ [champ]: nom })}`);
          expect(r.status, `${champ}=${nom}`).toBe(400);
        }
      }
    });
  });
});
