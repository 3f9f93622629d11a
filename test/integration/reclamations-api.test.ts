import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lignes } from '../../db/moteur.ts';
import { derniersCourrielsLisibles } from '../../server/courriel/composition.ts';
import { depotReclamations } from '../../server/reclamations/repository.ts';
import { uneAppDeTestSur, type AppDeTest } from '../fixtures/app.ts';
import { uneAppLimiteeSur } from '../fixtures/app-limitee.ts';
import { MOTEURS } from '../fixtures/deux-moteurs.ts';
import { JPEG, PNG, unFormulaire, unPdf, uneReclamation } from '../fixtures/reclamations.ts';

describe.each(MOTEURS)('les réclamations par l’API (%s)', (moteur) => {
  let app: AppDeTest;
  beforeEach(async () => {
    app = await uneAppDeTestSur(moteur, { maintenant: '2026-11-23T09:00:00Z' });
  });
  afterEach(() => app?.fermer());

  const ORIGINE = { Origin: 'http://localhost' };
  const deposerJson = (corps: unknown) =>
    app.api.request('/api/reclamations', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(corps) });
  const deposerFormulaire = (f: FormData, entetes: Record<string, string> = {}) =>
    app.api.request('/api/reclamations', { method: 'POST', headers: { ...ORIGINE, ...entetes }, body: f });
  // `count(*)` rend une chaîne sur PostgreSQL : le nombre est lu par `Number`.
  const compterReclamations = async () => ({
    n: Number((await lignes<{ n: number | string }>(app.deps.db, sql`select count(*) as n from reclamations`))[0]!.n),
  });
  const fichiersStockes = () => {
    const dossier = app.deps.dossierPiecesJointes;
    if (!existsSync(dossier)) return [];
    return readdirSync(dossier, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name));
  };

  describe('POST /api/reclamations en JSON', () => {
    it('répond 201 avec le numéro et les échéances à + 7 et + 45 jours calendaires', async () => {
      const reponse = await deposerJson(uneReclamation());
      expect(reponse.status).toBe(201);
      const corps = (await reponse.json()) as Record<string, string>;
      expect(corps.numero).toMatch(/^R-2026-[2-9A-HJKMNP-TW-Z]{6}$/);
      expect(corps).toEqual({
        numero: corps.numero,
        recueLe: '2026-11-23T09:00:00.000Z',
        accuseReceptionAvant: '2026-11-30',
        reponseAvant: '2027-01-07',
      });
    });

    it('met en file un courriel d’enregistrement avec les dates et le rôle du médiateur', async () => {
      const { numero } = (await (await deposerJson(uneReclamation())).json()) as { numero: string };
      const [courriel] = await derniersCourrielsLisibles(app.deps, { reference: numero });
      expect(courriel).toMatchObject({
        categorie: 'reclamation.enregistrement',
        destinataire: 'lea.martin@exemple.fr',
        statut: 'en-attente',
      });
      expect(courriel!.texte).toContain(numero);
      expect(courriel!.texte).toContain('lundi 30 novembre 2026');
      expect(courriel!.texte).toContain('jeudi 7 janvier 2027');
      expect(courriel!.texte).toContain('médiateur de France compétences');
    });

    it('garde le HTML tel quel, comme du texte, et l’échappe dans le courriel', async () => {
      const { numero } = (await (
        await deposerJson(
          uneReclamation({
            prenom: '<script>alert(1)</script>',
            description: '<img src=x onerror=alert(1)> ce texte fait plus de vingt caractères',
          }),
        )
      ).json()) as { numero: string };
      const r = (await depotReclamations(app.deps.db).parNumero(numero))!;
      expect(r.prenom).toBe('<script>alert(1)</script>');
      expect(r.description).toContain('<img src=x onerror=alert(1)>');
      const [courriel] = await derniersCourrielsLisibles(app.deps, { reference: numero });
      expect(courriel!.html).not.toContain('<script>');
      expect(courriel!.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    });

    describe('quand un champ est faux', () => {
      it.each([
        ['description trop courte', { description: 'trop court' }, 'description'],
        ['description trop longue', { description: 'x'.repeat(5001) }, 'description'],
        ['motif hors liste', { motif: 'colere' }, 'motif'],
        ['adresse invalide', { email: 'lea@' }, 'email'],
        ['consentement absent', { consentement: false }, 'consentement'],
        ['nom vide', { nom: '   ' }, 'nom'],
        ['téléphone invalide', { telephone: 'abc' }, 'telephone'],
      ])('%s : répond 400 en français et ne crée rien', async (_cas, surcharge, champ) => {
        const reponse = await deposerJson(uneReclamation(surcharge));
        expect(reponse.status).toBe(400);
        const { erreurs } = (await reponse.json()) as { erreurs: { champ: string; message: string }[] };
        expect(erreurs.map((e) => e.champ)).toContain(champ);
        expect((await compterReclamations()).n).toBe(0);
        expect(await derniersCourrielsLisibles(app.deps)).toHaveLength(0);
      });

      it('refuse un envoi dont le champ piège est rempli, sans rien créer', async () => {
        const reponse = await deposerJson(uneReclamation({ nePasRemplir: 'http://spam.example' }));
        expect(reponse.status).toBe(400);
        expect((await compterReclamations()).n).toBe(0);
      });

      it('répond 400 à un JSON illisible et 415 à un autre format', async () => {
        const illisible = await app.api.request('/api/reclamations', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: '{nom:',
        });
        expect(illisible.status).toBe(400);
        const texte = await app.api.request('/api/reclamations', {
          method: 'POST',
          headers: { 'Content-Type': 'application/xml' },
          body: '<a/>',
        });
        expect(texte.status).toBe(415);
      });
    });
  });

  describe('POST /api/reclamations avec pièces jointes (multipart)', () => {
    it('enregistre trois pièces PDF, JPEG et PNG hors de la racine web, sous un nom aléatoire', async () => {
      const f = unFormulaire(uneReclamation(), [
        { nom: 'courrier.pdf', contenu: unPdf() },
        { nom: 'photo.jpeg', contenu: JPEG },
        { nom: '../../../etc/capture <écran>.png', contenu: PNG },
      ]);
      const reponse = await deposerFormulaire(f);
      expect(reponse.status).toBe(201);
      const { numero } = (await reponse.json()) as { numero: string };
      const r = (await depotReclamations(app.deps.db).parNumero(numero))!;
      const pieces = await depotReclamations(app.deps.db).pieces(r.id);
      expect(pieces.map((p) => [p.nom, p.type])).toEqual([
        ['courrier.pdf', 'application/pdf'],
        ['photo.jpg', 'image/jpeg'],
        ['capture écran.png', 'image/png'],
      ]);
      for (const p of pieces) {
        expect(p.chemin).toMatch(/^2026\/[0-9a-f-]{36}\.(pdf|jpg|png)$/);
        expect(readFileSync(join(app.deps.dossierPiecesJointes, p.chemin)).length).toBe(p.taille);
      }
      expect(fichiersStockes()).toHaveLength(3);
    });

    it('accepte un formulaire sans fichier choisi (champ fichier vide)', async () => {
      const f = unFormulaire(uneReclamation());
      f.append('pieces', new Blob([]), '');
      expect((await deposerFormulaire(f)).status).toBe(201);
      expect(fichiersStockes()).toHaveLength(0);
    });

    it('refuse un fichier déguisé (un exécutable nommé .pdf) sans rien garder', async () => {
      const f = unFormulaire(uneReclamation(), [
        { nom: 'facture.pdf', contenu: Buffer.from('MZ\x90\x00 programme'), type: 'application/pdf' },
      ]);
      const reponse = await deposerFormulaire(f);
      expect(reponse.status).toBe(400);
      const { erreurs } = (await reponse.json()) as { erreurs: { champ: string; message: string }[] };
      expect(erreurs[0]!.champ).toBe('pieces');
      expect(erreurs[0]!.message).toContain('n’est ni un PDF');
      expect((await compterReclamations()).n).toBe(0);
      expect(fichiersStockes()).toHaveLength(0);
    });

    it('refuse une page HTML nommée image.png', async () => {
      const f = unFormulaire(uneReclamation(), [
        { nom: 'image.png', contenu: Buffer.from('<html><script>alert(1)</script></html>'), type: 'image/png' },
      ]);
      expect((await deposerFormulaire(f)).status).toBe(400);
      expect(fichiersStockes()).toHaveLength(0);
    });

    it('refuse plus de trois fichiers sans rien garder', async () => {
      const f = unFormulaire(
        uneReclamation(),
        [1, 2, 3, 4].map((i) => ({ nom: `p${i}.png`, contenu: PNG })),
      );
      const reponse = await deposerFormulaire(f);
      expect(reponse.status).toBe(400);
      expect(JSON.stringify(await reponse.json())).toContain('3 fichiers au plus');
      expect((await compterReclamations()).n).toBe(0);
      expect(fichiersStockes()).toHaveLength(0);
    });

    it('refuse un fichier de plus de 5 Mo (413) sans rien garder', async () => {
      const f = unFormulaire(uneReclamation(), [{ nom: 'gros.pdf', contenu: unPdf(5 * 1024 * 1024 + 10) }]);
      const reponse = await deposerFormulaire(f);
      expect(reponse.status).toBe(413);
      expect(JSON.stringify(await reponse.json())).toContain('dépasse 5 Mo');
      expect((await compterReclamations()).n).toBe(0);
      expect(fichiersStockes()).toHaveLength(0);
    });

    it('refuse d’emblée un envoi annoncé à plus de 15,5 Mo (413), sans le lire', async () => {
      const reponse = await deposerFormulaire(unFormulaire(uneReclamation()), { 'Content-Length': String(20 * 1024 * 1024) });
      expect(reponse.status).toBe(413);
      expect(JSON.stringify(await reponse.json())).toContain('trop volumineux');
    });

    it('refuse un envoi qui dépasse la taille totale sans l’annoncer, et supprime ce qui était écrit', async () => {
      const f = unFormulaire(
        uneReclamation(),
        [1, 2, 3].map((i) => ({ nom: `p${i}.pdf`, contenu: unPdf(5 * 1024 * 1024) })),
      );
      f.append('autre', new Blob([new Uint8Array(unPdf(2 * 1024 * 1024))]), 'autre.pdf');
      const reponse = await deposerFormulaire(f);
      expect(reponse.status).toBe(413);
      expect((await compterReclamations()).n).toBe(0);
      expect(fichiersStockes()).toHaveLength(0);
    });

    it('ne garde ni réclamation ni fichier quand un champ est faux', async () => {
      const f = unFormulaire(uneReclamation({ email: 'pas-une-adresse' }), [{ nom: 'ok.pdf', contenu: unPdf() }]);
      expect((await deposerFormulaire(f)).status).toBe(400);
      expect((await compterReclamations()).n).toBe(0);
      expect(fichiersStockes()).toHaveLength(0);
    });

    it('refuse un formulaire multipart venu d’un autre site (403)', async () => {
      const reponse = await deposerFormulaire(unFormulaire(uneReclamation()), { Origin: 'https://autre.example' });
      expect(reponse.status).toBe(403);
    });

    it('annule tout si le fichier ne peut pas être installé : ni réclamation, ni courriel, ni fichier', async () => {
      // Le dossier de l'année est remplacé par un fichier : le déplacement échoue dans la transaction.
      const { mkdirSync, writeFileSync } = await import('node:fs');
      mkdirSync(app.deps.dossierPiecesJointes, { recursive: true });
      writeFileSync(join(app.deps.dossierPiecesJointes, '2026'), 'obstacle');
      const reponse = await deposerFormulaire(unFormulaire(uneReclamation(), [{ nom: 'ok.pdf', contenu: unPdf() }]));
      expect(reponse.status).toBe(500);
      expect((await compterReclamations()).n).toBe(0);
      expect(await derniersCourrielsLisibles(app.deps)).toHaveLength(0);
      expect(fichiersStockes()).toEqual([join(app.deps.dossierPiecesJointes, '2026')]);
    });
  });

  describe('GET /api/reclamations/:numero?email=', () => {
    it('donne l’état et les dates à qui a le numéro et l’adresse (casse et espaces ignorés)', async () => {
      const { numero } = (await (await deposerJson(uneReclamation())).json()) as { numero: string };
      const reponse = await app.api.request(
        `/api/reclamations/${numero.toLowerCase()}?email=${encodeURIComponent(' Lea.Martin@exemple.fr ')}`,
      );
      expect(reponse.status).toBe(200);
      expect(await reponse.json()).toMatchObject({
        numero,
        statut: 'recue',
        recueLe: '2026-11-23T09:00:00.000Z',
        accuseReceptionAvant: '2026-11-30',
        reponseAvant: '2027-01-07',
        mediateur: { possible: false, raison: 'EN_ATTENTE_DE_REPONSE' },
      });
    });

    it('répond exactement pareil à un numéro inconnu et à une mauvaise adresse', async () => {
      const { numero } = (await (await deposerJson(uneReclamation())).json()) as { numero: string };
      const inconnu = await app.api.request(`/api/reclamations/R-2026-ZZZZZZ?email=lea.martin@exemple.fr`);
      const mauvaiseAdresse = await app.api.request(`/api/reclamations/${numero}?email=autre@exemple.fr`);
      const sansAdresse = await app.api.request(`/api/reclamations/${numero}`);
      expect(inconnu.status).toBe(404);
      expect(mauvaiseAdresse.status).toBe(404);
      expect(sansAdresse.status).toBe(404);
      const corps = await inconnu.text();
      expect(await mauvaiseAdresse.text()).toBe(corps);
      expect(await sansAdresse.text()).toBe(corps);
    });
  });

  describe('la limite de débit', () => {
    it('répond 429 en français après RATE_LIMIT_PER_MINUTE envois', async () => {
      const limitee = await uneAppLimiteeSur(moteur, 2);
      try {
        const envoyer = () =>
          limitee.api.request('/api/reclamations', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(uneReclamation()),
          });
        expect((await envoyer()).status).toBe(201);
        expect((await envoyer()).status).toBe(201);
        const refus = await envoyer();
        expect(refus.status).toBe(429);
        expect(JSON.stringify(await refus.json())).toContain('Trop d’envois');
      } finally {
        await limitee.fermer();
      }
    });
  });

  describe('le journal d’exploitation', () => {
    it('ne contient ni nom, ni adresse, ni texte de la réclamation', async () => {
      await deposerJson(uneReclamation());
      const journal = app.journal.lignes.join('\n');
      expect(journal).toContain('reclamation.depot');
      for (const secret of ['Martin', 'lea.martin', 'six semaines']) expect(journal).not.toContain(secret);
    });
  });
});
