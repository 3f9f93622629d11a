import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lignes } from '../../db/moteur.ts';
import { derniersCourrielsLisibles } from '../../server/courriel/composition.ts';
import { indicateurSemestre, derniersSemestres } from '../../server/reclamations/bilan-semestriel.ts';
import { pdfDesEchanges } from '../../server/reclamations/pdf.ts';
import { depotReclamations } from '../../server/reclamations/repository.ts';
import {
  agirSurReclamation,
  apporterPrecisions,
  deposerReclamation,
  dossierReclamation,
  trouverReclamation,
} from '../../server/reclamations/service.ts';
import { uneAppDeTestSur, type AppDeTest } from '../fixtures/app.ts';
import { MOTEURS } from '../fixtures/deux-moteurs.ts';
import { texteDuPdf } from '../fixtures/pdf.ts';
import { uneReclamation } from '../fixtures/reclamations.ts';

describe.each(MOTEURS)('les réclamations côté conseiller (%s)', (moteur) => {
  let app: AppDeTest;
  let instant: Date;
  beforeEach(async () => {
    instant = new Date('2026-11-23T09:00:00Z');
    app = await uneAppDeTestSur(moteur, { surcharges: { maintenant: () => instant } });
  });
  afterEach(() => app?.fermer());

  const CONSEILLER = { id: 7 };
  async function deposer(surcharges = {}) {
    const r = await deposerReclamation(app.deps, { donnees: uneReclamation(surcharges) });
    if (!r.ok) throw new Error(JSON.stringify(r.erreurs));
    return r.recu.numero;
  }
  const lire = async (numero: string) => (await depotReclamations(app.deps.db).parNumero(numero))!;
  const audit = () =>
    lignes<{ acteur: string; action: string; cible: string; horodatage: string; details: string }>(
      app.deps.db,
      sql`select acteur, action, cible, horodatage, details from journal_audit order by id`,
    );
  const REPONSE = 'Nous avons retrouvé votre demande : un conseiller vous appelle jeudi matin.';

  describe('quand un conseiller accuse réception', () => {
    it('passe la réclamation à « accusée », horodate, audite et envoie le courriel avec son message', async () => {
      const numero = await deposer();
      instant = new Date('2026-11-24T10:00:00Z');
      expect(
        await agirSurReclamation(app.deps, CONSEILLER, numero, {
          type: 'accuser-reception',
          message: 'Votre dossier est suivi par notre responsable qualité.',
        }),
      ).toEqual({ ok: true });
      expect(await lire(numero)).toMatchObject({ statut: 'accusee', accuseLe: '2026-11-24T10:00:00.000Z' });
      expect((await audit()).at(-1)).toMatchObject({
        acteur: 'compte:7',
        action: 'reclamation.accuser-reception',
        cible: numero,
        horodatage: '2026-11-24T10:00:00.000Z',
      });
      const [courriel] = await derniersCourrielsLisibles(app.deps, { reference: numero });
      expect(courriel).toMatchObject({ categorie: 'reclamation.accuser-reception', destinataire: 'lea.martin@exemple.fr' });
      expect(courriel!.texte).toContain('responsable qualité');
      expect(courriel!.texte).toContain('jeudi 7 janvier 2027');
    });

    it('refuse un second accusé de réception et ne change rien', async () => {
      const numero = await deposer();
      await agirSurReclamation(app.deps, CONSEILLER, numero, { type: 'accuser-reception' });
      const avant = (await audit()).length;
      const r = await agirSurReclamation(app.deps, CONSEILLER, numero, { type: 'accuser-reception' });
      expect(r.ok).toBe(false);
      expect(await audit()).toHaveLength(avant);
    });
  });

  describe('quand un conseiller demande des précisions', () => {
    it('exige une question, l’envoie, et la personne répond depuis le suivi', async () => {
      const numero = await deposer();
      expect((await agirSurReclamation(app.deps, CONSEILLER, numero, { type: 'demander-precisions', message: 'court' })).ok).toBe(false);
      expect(
        (
          await agirSurReclamation(app.deps, CONSEILLER, numero, {
            type: 'demander-precisions',
            message: 'À quelle date avez-vous appelé notre accueil ?',
          })
        ).ok,
      ).toBe(true);
      expect(await lire(numero)).toMatchObject({ statut: 'precisions-demandees', accuseLe: '2026-11-23T09:00:00.000Z' });
      expect((await derniersCourrielsLisibles(app.deps, { reference: numero }))[0]!.texte).toContain('À quelle date avez-vous appelé');

      const trouvee = (await trouverReclamation(app.deps, numero, 'lea.martin@exemple.fr'))!;
      expect((await apporterPrecisions(app.deps, trouvee, 'trop court')).ok).toBe(false);
      expect(await apporterPrecisions(app.deps, trouvee, 'J’ai appelé le 2 novembre vers 10 heures, puis le 9.')).toEqual({ ok: true });
      expect((await lire(numero)).statut).toBe('accusee');
      const { evenements } = await dossierReclamation(app.deps, await lire(numero));
      expect(evenements.map((e) => [e.type, e.auteur])).toEqual([
        ['depot', 'usager'],
        ['demande-precisions', 'compte:7'],
        ['precisions', 'usager'],
      ]);
      expect((await apporterPrecisions(app.deps, await lire(numero), 'Encore une précision qui n’a pas été demandée.')).ok).toBe(false);
    });
  });

  describe('quand un conseiller répond puis clôt', () => {
    it('garde la réponse, l’envoie avec le chemin vers le médiateur, puis permet de clore', async () => {
      const numero = await deposer();
      expect((await agirSurReclamation(app.deps, CONSEILLER, numero, { type: 'cloturer' })).ok).toBe(false);
      expect((await agirSurReclamation(app.deps, CONSEILLER, numero, { type: 'repondre', message: '' })).ok).toBe(false);
      instant = new Date('2026-12-01T15:00:00Z');
      expect((await agirSurReclamation(app.deps, CONSEILLER, numero, { type: 'repondre', message: REPONSE })).ok).toBe(true);
      expect(await lire(numero)).toMatchObject({ statut: 'repondue', reponduLe: '2026-12-01T15:00:00.000Z' });
      const reponse = (await derniersCourrielsLisibles(app.deps, { reference: numero }))[0]!;
      expect(reponse.categorie).toBe('reclamation.repondre');
      expect(reponse.texte).toContain(REPONSE);
      expect(reponse.texte).toContain('Comment saisir le médiateur de France compétences');
      expect(reponse.texte).toContain(`Le numéro de votre réclamation : ${numero}.`);
      expect((await agirSurReclamation(app.deps, CONSEILLER, numero, { type: 'repondre', message: REPONSE })).ok).toBe(false);
      expect((await agirSurReclamation(app.deps, CONSEILLER, numero, { type: 'cloturer' })).ok).toBe(true);
      expect(await lire(numero)).toMatchObject({ statut: 'close', closeLe: '2026-12-01T15:00:00.000Z' });
      expect((await audit()).map((a) => a.action)).toEqual(['reclamation.repondre', 'reclamation.cloturer']);
    });
  });

  describe('quand le médiateur demande le dossier', () => {
    it('enregistre la date (annexe 2 §3) une seule fois, entre la réception et aujourd’hui', async () => {
      const numero = await deposer();
      instant = new Date('2027-02-10T09:00:00Z');
      expect((await agirSurReclamation(app.deps, CONSEILLER, numero, { type: 'mediateur-demande-dossier', date: '2026-11-01' })).ok).toBe(
        false,
      );
      expect((await agirSurReclamation(app.deps, CONSEILLER, numero, { type: 'mediateur-demande-dossier', date: '2027-02-11' })).ok).toBe(
        false,
      );
      expect((await agirSurReclamation(app.deps, CONSEILLER, numero, { type: 'mediateur-demande-dossier', date: '2027-02-30' })).ok).toBe(
        false,
      );
      expect((await agirSurReclamation(app.deps, CONSEILLER, numero, { type: 'mediateur-demande-dossier', date: '2027-02-08' })).ok).toBe(
        true,
      );
      expect((await lire(numero)).mediateurDemandeLe).toBe('2027-02-08');
      expect((await agirSurReclamation(app.deps, CONSEILLER, numero, { type: 'mediateur-demande-dossier', date: '2027-02-09' })).ok).toBe(
        false,
      );
      expect((await audit()).filter((a) => a.action === 'reclamation.mediateur-demande-dossier')).toHaveLength(1);
    });

    it('répond « introuvable » à un numéro qui n’existe pas', async () => {
      const r = await agirSurReclamation(app.deps, CONSEILLER, 'R-2026-ZZZZZZ', { type: 'cloturer' });
      expect(r.ok).toBe(false);
      expect(JSON.stringify(r)).toContain('n’existe pas');
    });
  });

  describe('l’indicateur 8.7 par semestre', () => {
    it('compte les réclamations du semestre de réception, la part suivie par le médiateur, les motifs et les délais', async () => {
      instant = new Date('2026-06-30T21:30:00Z'); // 30 juin 23 h 30 à Paris : premier semestre
      const s1 = await deposer({ motif: 'accueil' });
      instant = new Date('2026-07-02T09:00:00Z');
      const a = await deposer({ motif: 'accueil' });
      const b = await deposer({ motif: 'neutralite' });
      const c = await deposer({ motif: 'accueil' });
      await deposer({ motif: 'autre' });
      await agirSurReclamation(app.deps, CONSEILLER, a, { type: 'accuser-reception' });
      await agirSurReclamation(app.deps, CONSEILLER, a, { type: 'repondre', message: REPONSE });
      instant = new Date('2026-07-20T09:00:00Z'); // 18 jours après : accusé en retard pour b
      await agirSurReclamation(app.deps, CONSEILLER, b, { type: 'accuser-reception' });
      instant = new Date('2026-09-01T09:00:00Z'); // 61 jours après : b et c sans réponse, en retard
      await agirSurReclamation(app.deps, CONSEILLER, c, { type: 'mediateur-demande-dossier', date: '2026-08-31' });

      const s2 = await indicateurSemestre(app.deps.db, '2026-S2', instant);
      expect(s2).toMatchObject({
        semestre: '2026-S2',
        debut: '2026-07-01',
        fin: '2026-12-31',
        reclamations: 4,
        suiviesParLeMediateur: 1,
        partMediateur: 0.25,
      });
      expect(s2.parMotif).toMatchObject({ accueil: 2, neutralite: 1, autre: 1, 'delai-rendez-vous': 0 });
      expect(s2.accuseReception).toEqual({ tenus: 1, tenusEnRetard: 1, enRetard: 2, enCours: 0, taux: 0.25 });
      expect(s2.reponse).toEqual({ tenus: 1, tenusEnRetard: 0, enRetard: 3, enCours: 0, taux: 0.25 });
      const s1Indicateur = await indicateurSemestre(app.deps.db, '2026-S1', instant);
      expect(s1Indicateur.reclamations).toBe(1);
      expect((await lire(s1)).dateReception).toBe('2026-06-30');
      expect(await indicateurSemestre(app.deps.db, '2025-S2', instant)).toMatchObject({
        reclamations: 0,
        partMediateur: null,
        accuseReception: { taux: null },
      });
    });

    it('liste les derniers semestres, le plus récent d’abord', () => {
      expect(derniersSemestres(new Date('2026-11-23T09:00:00Z'), 4)).toEqual(['2026-S2', '2026-S1', '2025-S2', '2025-S1']);
      expect(derniersSemestres(new Date('2026-12-31T23:30:00Z'), 2)).toEqual(['2027-S1', '2026-S2']);
    });
  });

  describe('le document des échanges (PDF)', () => {
    it('contient la réclamation, les échanges, le chemin vers le médiateur et la mention du médiateur', async () => {
      const numero = await deposer({ description: 'Accueil désagréable — « inacceptable » ; œuvre ☃ émoji 😀 compris.' });
      instant = new Date('2026-12-01T15:00:00Z');
      await agirSurReclamation(app.deps, CONSEILLER, numero, { type: 'repondre', message: REPONSE });
      const pdf = await pdfDesEchanges(app.deps.deploiement, await dossierReclamation(app.deps, await lire(numero)), instant);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const texte = texteDuPdf(pdf).replace(/\s+/g, ' ');
      expect(texte).toContain(`Réclamation ${numero}`);
      expect(texte).toContain('Accueil désagréable — « inacceptable » ; œuvre ? émoji ? compris.');
      expect(texte).toContain('un conseiller vous appelle jeudi matin');
      expect(texte).toContain('vous pouvez saisir le médiateur de France compétences');
      expect(texte).toContain('Une copie de votre réclamation et des échanges');
      expect(texte).toContain('médiateur de France compétences');
      expect(texte).toContain('11 rue Scribe');
    });
  });
});
