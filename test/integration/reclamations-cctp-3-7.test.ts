import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { lignes } from '../../db/moteur.ts';
import { derniersCourrielsLisibles } from '../../server/courriel/composition.ts';
import { etatsDesDelais } from '../../server/reclamations/delais.ts';
import { pdfDesEchanges } from '../../server/reclamations/pdf.ts';
import { depotReclamations } from '../../server/reclamations/repository.ts';
import { agirSurReclamation, dossierReclamation } from '../../server/reclamations/service.ts';
import { uneAppDeTestSur, type AppDeTest } from '../fixtures/app.ts';
import { MOTEURS } from '../fixtures/deux-moteurs.ts';
import { texteDuPdf } from '../fixtures/pdf.ts';
import { uneReclamation } from '../fixtures/reclamations.ts';

// Chaque règle du §3.7 du cahier des charges de France compétences (seed 002), un test nommé.
describe.each(MOTEURS)('les réclamations selon le §3.7 (%s)', (moteur) => {
  // Une base pour le bloc : chaque test dépose ses propres réclamations et ne lit que les siennes.
  let app: AppDeTest;
  let instant: Date;
  beforeAll(async () => (app = await uneAppDeTestSur(moteur, { surcharges: { maintenant: () => instant } })));
  beforeEach(() => {
    instant = new Date('2026-11-23T09:00:00Z'); // lundi 23 novembre 2026, 10 h à Paris
  });
  afterAll(() => app?.fermer());

  const CONSEILLER = { id: 3 };
  async function deposer() {
    const reponse = await app.api.request('/api/reclamations', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(uneReclamation()),
    });
    expect(reponse.status).toBe(201);
    return (await reponse.json()) as { numero: string; recueLe: string; accuseReceptionAvant: string; reponseAvant: string };
  }
  const suivre = async (numero: string) =>
    (await (await app.api.request(`/api/reclamations/${numero}?email=lea.martin@exemple.fr`)).json()) as {
      mediateur: { possible: boolean; raison: string };
    };
  const lire = async (numero: string) => (await depotReclamations(app.deps.db).parNumero(numero))!;

  describe('cahier des charges §3.7 : gestion des réclamations et coopération avec le médiateur de France compétences', () => {
    it('la première réclamation est portée auprès de l’opérateur CEP : il l’enregistre et en accuse l’enregistrement à son nom', async () => {
      const { numero } = await deposer();
      expect(await lire(numero)).toMatchObject({ statut: 'recue', recueLe: '2026-11-23T09:00:00.000Z' });
      const [courriel] = await derniersCourrielsLisibles(app.deps, { reference: numero });
      expect(courriel!.texte).toContain(app.deps.deploiement.editeur.nom);
      expect(courriel!.texte).toContain(`Son numéro est ${numero}`);
    });

    it('l’accusé de réception est dû dans les 7 jours calendaires à compter de la réception', async () => {
      const recu = await deposer();
      expect(recu.accuseReceptionAvant).toBe('2026-11-30');
      const r = await lire(recu.numero);
      expect(etatsDesDelais(r, new Date('2026-11-30T22:59:00Z')).accuse).toBe('a-risque');
      expect(etatsDesDelais(r, new Date('2026-11-30T23:00:00Z')).accuse).toBe('en-retard');
      instant = new Date('2026-11-30T16:00:00Z');
      await agirSurReclamation(app.deps, CONSEILLER, recu.numero, { type: 'accuser-reception' });
      expect(etatsDesDelais(await lire(recu.numero), new Date('2027-01-01T12:00:00Z')).accuse).toBe('tenu');
    });

    it('la réponse est due au plus tard 45 jours calendaires suivant la réception', async () => {
      const recu = await deposer();
      expect(recu.reponseAvant).toBe('2027-01-07');
      const r = await lire(recu.numero);
      expect(etatsDesDelais(r, new Date('2027-01-07T12:00:00Z')).reponse).toBe('a-risque');
      expect(etatsDesDelais(r, new Date('2027-01-08T12:00:00Z')).reponse).toBe('en-retard');
      instant = new Date('2027-01-09T09:00:00Z');
      await agirSurReclamation(app.deps, CONSEILLER, recu.numero, {
        type: 'repondre',
        message: 'Voici notre réponse, avec nos excuses pour le retard.',
      });
      expect(etatsDesDelais(await lire(recu.numero), instant).reponse).toBe('tenu-en-retard');
    });

    it('l’opérateur trace la réclamation dans son SI : existence, date, motif, réponse, demande du médiateur, chaque étape horodatée et auditée', async () => {
      const { numero } = await deposer();
      instant = new Date('2026-11-25T09:00:00Z');
      await agirSurReclamation(app.deps, CONSEILLER, numero, { type: 'repondre', message: 'Voici notre réponse à votre réclamation.' });
      instant = new Date('2027-01-15T09:00:00Z');
      await agirSurReclamation(app.deps, CONSEILLER, numero, { type: 'mediateur-demande-dossier', date: '2027-01-14' });
      expect(await lire(numero)).toMatchObject({
        dateReception: '2026-11-23',
        motif: 'delai-rendez-vous',
        reponduLe: '2026-11-25T09:00:00.000Z',
        mediateurDemandeLe: '2027-01-14',
      });
      expect((await dossierReclamation(app.deps, await lire(numero))).evenements.map((e) => [e.type, e.horodatage])).toEqual([
        ['depot', '2026-11-23T09:00:00.000Z'],
        ['reponse', '2026-11-25T09:00:00.000Z'],
        ['mediateur-demande-dossier', '2027-01-15T09:00:00.000Z'],
      ]);
      const audit = await lignes<{ action: string }>(
        app.deps.db,
        sql`select action from journal_audit where cible = ${numero} order by id`,
      );
      expect(audit.map((a) => a.action)).toEqual(['reclamation.repondre', 'reclamation.mediateur-demande-dossier']);
    });

    it('le médiateur n’est saisi qu’après une première réclamation à l’opérateur : après sa réponse, ou 45 jours sans réponse', async () => {
      const sansReponse = await deposer();
      const avecReponse = await deposer();
      expect((await suivre(sansReponse.numero)).mediateur).toMatchObject({ possible: false, raison: 'EN_ATTENTE_DE_REPONSE' });
      instant = new Date('2026-12-01T09:00:00Z');
      await agirSurReclamation(app.deps, CONSEILLER, avecReponse.numero, {
        type: 'repondre',
        message: 'Voici notre réponse à votre réclamation.',
      });
      expect((await suivre(avecReponse.numero)).mediateur).toMatchObject({ possible: true, raison: 'REPONSE_RECUE' });
      instant = new Date('2027-01-07T12:00:00Z'); // 45e jour
      expect((await suivre(sansReponse.numero)).mediateur.possible).toBe(false);
      instant = new Date('2027-01-08T08:00:00Z'); // 46e jour
      expect((await suivre(sansReponse.numero)).mediateur).toMatchObject({ possible: true, raison: 'DELAI_DE_REPONSE_DEPASSE' });
    });

    it('l’existence et le rôle du médiateur figurent sur chaque courrier adressé à la personne', async () => {
      const { numero } = await deposer();
      await agirSurReclamation(app.deps, CONSEILLER, numero, { type: 'accuser-reception' });
      await agirSurReclamation(app.deps, CONSEILLER, numero, {
        type: 'demander-precisions',
        message: 'Pouvez-vous préciser la date de votre appel ?',
      });
      await agirSurReclamation(app.deps, CONSEILLER, numero, { type: 'repondre', message: 'Voici notre réponse à votre réclamation.' });
      const courriels = await derniersCourrielsLisibles(app.deps, { reference: numero });
      expect(courriels.map((c) => c.categorie).sort()).toEqual([
        'reclamation.accuser-reception',
        'reclamation.demander-precisions',
        'reclamation.enregistrement',
        'reclamation.repondre',
      ]);
      for (const c of courriels) {
        for (const corps of [c.texte, c.html]) {
          expect(corps, c.categorie).toContain('médiateur de France compétences, tiers indépendant et gratuit');
          expect(corps, c.categorie).toContain('11 rue Scribe');
        }
      }
    });

    it('l’existence et le rôle du médiateur figurent sur chaque document : le document des échanges', async () => {
      const { numero } = await deposer();
      const texte = texteDuPdf(
        await pdfDesEchanges(app.deps.deploiement, await dossierReclamation(app.deps, await lire(numero)), instant),
      ).replace(/\s+/g, ' ');
      expect(texte).toContain('médiateur de France compétences, tiers indépendant et gratuit');
      expect(texte).toContain('formulaire en ligne du site de France compétences');
    });
  });
});
