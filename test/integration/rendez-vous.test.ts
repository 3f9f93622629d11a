import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { lignes, tables } from '../../db/moteur.ts';
import { calculerEcheance } from '../../server/calendrier/jours-ouvres.ts';
import { territoireDuDepartement } from '../../server/calendrier/territoire.ts';
import { delaiDUneDemande } from '../../server/rendez-vous/echeance.ts';
import { annulerDemande, deplacerRendezVous, lireSuivi } from '../../server/rendez-vous/service.ts';
import { derniersCourrielsLisibles } from '../../server/courriel/composition.ts';
import { uneAppDeTestSur, type AppDeTest } from '../fixtures/app.ts';
import { uneAppLimiteeSur } from '../fixtures/app-limitee.ts';
import { MOTEURS } from '../fixtures/deux-moteurs.ts';
import { desCreneaux, jetonDuCourriel, posterDemande, uneDemandeDeRendezVous } from '../fixtures/rendez-vous.ts';

let email = 0;
const uneDemande = (s: Record<string, unknown> = {}) => uneDemandeDeRendezVous({ email: `personne${++email}@exemple.fr`, ...s });

describe.each(MOTEURS)('le rendez-vous (%s)', (moteur) => {
  // Lundi 23 novembre 2026, 10 h à Paris.
  let app: AppDeTest;
  beforeAll(async () => (app = await uneAppDeTestSur(moteur, { maintenant: '2026-11-23T09:00:00Z' })));
  afterAll(() => app?.fermer());

  type NomTable = 'demandes' | 'creneaux' | 'courrielsSortants';
  const compter = async (table: NomTable) => (await app.deps.db.select().from(tables(app.deps.db)[table])).length;
  const lesCreneaux = () => app.deps.db.select().from(tables(app.deps.db).creneaux);
  const lesDemandes = () => app.deps.db.select().from(tables(app.deps.db).demandes);
  const lesCompteurs = () => app.deps.db.select().from(tables(app.deps.db).compteursDossiers);
  // Un compte en SQL brut, par le même chemin sur les deux moteurs (`count(*)` rend une chaîne sur PostgreSQL).
  const compterParSql = async () =>
    Number((await lignes<{ n: number | string }>(app.deps.db, sql`select count(*) as n from demandes`))[0]!.n);

  describe('POST /api/rendez-vous', () => {
    describe('avec un créneau libre', () => {
      let reponse: Response;
      let corps: { reference: string; echeance: string; creneau: { id: number; debut: string; modalite: string; site: { id: string } } };
      let id: number;
      beforeEach(async () => {
        id = (await desCreneaux(app.deps, [{ debut: '2026-11-26T13:00:00Z' }]))[0]!;
        reponse = await posterDemande(app.api, uneDemande({ creneauId: id, email: 'lea.martin@exemple.fr' }));
        corps = (await reponse.json()) as typeof corps;
      });

      it('répond 201 avec le numéro de dossier, l’échéance à 30 jours ouvrés et le créneau', () => {
        expect(reponse.status).toBe(201);
        expect(corps.reference).toMatch(/^01261100\d{6}$/);
        // 30 jours ouvrés après le lundi 23 novembre 2026, sans le 25 décembre ni le 1er janvier.
        expect(corps.echeance).toBe('2027-01-06');
        expect(corps.creneau).toMatchObject({ id, debut: '2026-11-26T13:00:00.000Z', modalite: 'presentiel', site: { id: 'paris-11' } });
      });

      it('réserve le créneau, qui disparaît de GET /api/creneaux', async () => {
        const libres = (await (await app.api.request('/api/creneaux?commune=75111')).json()) as { id: number }[];
        expect(libres.map((c) => c.id)).not.toContain(id);
        expect((await lesCreneaux()).find((c) => c.id === id)?.statut).toBe('reserve');
      });

      it('met en file la confirmation avec l’invitation .ics et le lien privé, et le rappel deux jours avant', async () => {
        const courriels = await derniersCourrielsLisibles(app.deps, { reference: corps.reference });
        const confirmation = courriels.find((c) => c.categorie === 'rendez-vous.confirmation')!;
        expect(confirmation.destinataire).toBe('lea.martin@exemple.fr');
        expect(confirmation.texte).toContain('jeudi 26 novembre 2026 de 14 h à 15 h');
        // Le lien privé est créé à l'envoi : lu avant, il est masqué ; composé pour partir, il porte un jeton horodaté.
        expect(confirmation.texte).toContain('http://127.0.0.1:4321/rendez-vous/suivi/');
        expect(await jetonDuCourriel(app.deps, corps.reference)).toMatch(/^[0-9a-f]{12}[\w-]{43}$/);
        expect(confirmation.texte).toContain('médiateur de France compétences');
        const [ics] = JSON.parse(confirmation.piecesJointes) as { nom: string; contenuBase64: string }[];
        const texteIcs = Buffer.from(ics!.contenuBase64, 'base64').toString('utf8');
        expect(texteIcs).toMatch(/^BEGIN:VCALENDAR\r\n/);
        expect(texteIcs).toContain('METHOD:REQUEST\r\n');
        expect(texteIcs).toContain('DTSTART:20261126T130000Z');
        expect(texteIcs).toContain(`UID:${corps.reference}@127.0.0.1`);
        const rappel = courriels.find((c) => c.categorie === 'rendez-vous.rappel')!;
        expect(rappel.envoyerApres).toBe('2026-11-24T13:00:00.000Z');
        expect(rappel.texte).toContain('médiateur de France compétences');
      });

      it('ne garde que l’empreinte du jeton du lien privé', async () => {
        const jeton = await jetonDuCourriel(app.deps, corps.reference);
        const ligne = (await lesDemandes()).find((d) => d.reference === corps.reference)!;
        expect(ligne.empreinteJeton).not.toBe(jeton);
        expect((await lireSuivi(app.deps, jeton))?.demande.reference).toBe(corps.reference);
      });

      it('ne journalise aucune donnée personnelle', () => {
        const journal = app.journal.lignes.join('\n');
        expect(journal).toContain('rendez-vous.demande');
        expect(journal).not.toContain('lea.martin@exemple.fr');
        expect(journal).not.toContain('Martin');
      });
    });

    describe('quand le créneau est déjà réservé', () => {
      it('répond 409 avec un message en français et ne crée rien', async () => {
        const [id] = await desCreneaux(app.deps, [{ debut: '2026-11-27T09:00:00Z' }]);
        expect((await posterDemande(app.api, uneDemande({ creneauId: id }))).status).toBe(201);
        const avant = {
          demandes: await compter('demandes'),
          courriels: await compter('courrielsSortants'),
          compteur: await lesCompteurs(),
        };
        const reponse = await posterDemande(app.api, uneDemande({ creneauId: id }));
        expect(reponse.status).toBe(409);
        expect(await reponse.json()).toEqual({
          erreurs: [{ champ: 'creneauId', message: expect.stringContaining('vient d’être réservé') as string }],
        });
        expect({
          demandes: await compter('demandes'),
          courriels: await compter('courrielsSortants'),
          compteur: await lesCompteurs(),
        }).toEqual(avant);
      });
    });

    describe('quand le créneau est passé, d’un autre lot ou d’une autre modalité', () => {
      it('refuse un créneau déjà commencé (409) et un créneau qui ne correspond pas (400)', async () => {
        const [passe, visio, autreLot] = await desCreneaux(app.deps, [
          { debut: '2026-11-23T08:00:00Z' },
          { debut: '2026-11-30T09:00:00Z', modalite: 'visio' },
          { debut: '2026-11-30T11:00:00Z', lot: 2, site: null },
        ]);
        expect((await posterDemande(app.api, uneDemande({ creneauId: passe }))).status).toBe(409);
        expect((await posterDemande(app.api, uneDemande({ creneauId: visio }))).status).toBe(400);
        expect((await posterDemande(app.api, uneDemande({ creneauId: autreLot }))).status).toBe(400);
        expect((await posterDemande(app.api, uneDemande({ creneauId: 999_999 }))).status).toBe(400);
      });
    });

    describe('quand aucun créneau ne convient', () => {
      it('enregistre une demande de rappel, sans rappel programmé ni invitation', async () => {
        const reponse = await posterDemande(app.api, uneDemande({ rappel: true, modalite: 'telephone' }));
        expect(reponse.status).toBe(201);
        const corps = (await reponse.json()) as { reference: string; creneau?: unknown };
        expect(corps.creneau).toBeUndefined();
        const courriels = await derniersCourrielsLisibles(app.deps, { reference: corps.reference });
        expect(courriels.map((c) => c.categorie)).toEqual(['rendez-vous.confirmation']);
        expect(courriels[0]!.texte).toContain('Un conseiller vous appellera');
        expect(JSON.parse(courriels[0]!.piecesJointes)).toEqual([]);
      });
      it('exige un téléphone pour rappeler', async () => {
        const reponse = await posterDemande(app.api, uneDemande({ rappel: true, telephone: undefined }));
        expect(reponse.status).toBe(400);
        expect(await reponse.json()).toEqual({
          erreurs: [{ champ: 'telephone', message: expect.stringContaining('numéro de téléphone') as string }],
        });
      });
    });

    describe('le numéro de dossier', () => {
      it('suit un compteur par mois, sans trou ni doublon', async () => {
        const refs: string[] = [];
        for (let i = 0; i < 3; i++)
          refs.push(((await (await posterDemande(app.api, uneDemande({ rappel: true }))).json()) as { reference: string }).reference);
        const compteurs = refs.map((r) => Number(r.slice(8)));
        expect(compteurs[1]).toBe(compteurs[0]! + 1);
        expect(compteurs[2]).toBe(compteurs[0]! + 2);
      });
      it('repart de 1 le mois suivant, avec l’identifiant opérateur de la configuration', async () => {
        const decembre = await uneAppDeTestSur(moteur, { maintenant: '2026-12-01T09:00:00Z', surcharges: {} });
        try {
          await decembre.deps.db.insert(tables(decembre.deps.db).compteursDossiers).values({ prefixe: '01261100', valeur: 41 });
          const corps = (await (await posterDemande(decembre.api, uneDemande({ rappel: true }))).json()) as { reference: string };
          expect(corps.reference).toBe('01261200000001');
        } finally {
          await decembre.fermer();
        }
      });
    });

    describe('entre minuit à Paris et minuit UTC', () => {
      it('date la demande du jour de Paris, et « Ma commune » annonce la même échéance qu’elle enregistre', async () => {
        // Lundi 30 novembre 2026, 23 h 30 UTC : mardi 1er décembre, 0 h 30 à Paris.
        const nuit = await uneAppDeTestSur(moteur, { maintenant: '2026-11-30T23:30:00Z' });
        try {
          const corps = (await (await posterDemande(nuit.api, uneDemande({ rappel: true }))).json()) as {
            reference: string;
            echeance: string;
          };
          const [demande] = await nuit.deps.db.select().from(tables(nuit.deps.db).demandes);
          expect(demande).toBeDefined();
          expect(demande!.dateDemande).toBe('2026-12-01');
          expect(corps.echeance).toBe(calculerEcheance('2026-12-01', 30, 'FR'));
          expect(corps.echeance).not.toBe(calculerEcheance('2026-11-30', 30, 'FR'));
          // Ce que la page « Ma commune » affiche pour une commune de Paris au même instant.
          expect(delaiDUneDemande(nuit.deps.maintenant(), territoireDuDepartement('75'))).toEqual({
            dateDemande: '2026-12-01',
            echeance: corps.echeance,
          });
        } finally {
          await nuit.fermer();
        }
      });
      it('prend la date de La Réunion pour une commune de La Réunion', () => {
        // 21 h 30 UTC : 22 h 30 à Paris, déjà 1 h 30 le lendemain à Saint-Denis.
        expect(delaiDUneDemande(new Date('2026-11-23T21:30:00Z'), territoireDuDepartement('974')).dateDemande).toBe('2026-11-24');
        expect(delaiDUneDemande(new Date('2026-11-23T21:30:00Z'), territoireDuDepartement('75')).dateDemande).toBe('2026-11-23');
      });
    });

    describe('quand la personne vient de l’orientation avec sa situation', () => {
      it.each([
        ['un étudiant qui travaille', { situation: 'etudiant', enEmploi: true }],
        ['un retraité qui travaille', { situation: 'retraite', enEmploi: true }],
        ['un demandeur d’emploi en activité réduite', { situation: 'demandeur_emploi', enEmploi: true }],
        ['une salariée handicapée de 23 ans (qui choisit l’opérateur régional)', { situation: 'salarie_prive', handicap: true, age: 23 }],
      ])('enregistre la demande d’%s (201)', async (_, profil) => {
        const reponse = await posterDemande(app.api, uneDemande({ rappel: true, origine: 'orientation', ...profil }));
        expect(reponse.status).toBe(201);
      });
    });

    describe('quand la personne n’est pas du public de l’opérateur', () => {
      it('lui dit où aller (200) sans rien créer', async () => {
        const avant = await compter('demandes');
        const reponse = await posterDemande(app.api, uneDemande({ situation: 'demandeur_emploi', rappel: true }));
        expect(reponse.status).toBe(200);
        const corps = (await reponse.json()) as { orientation: { operateur: string; nom: string; raison: string } };
        expect(corps.orientation).toMatchObject({ operateur: 'france-travail', nom: 'France Travail' });
        expect(await compter('demandes')).toBe(avant);
      });
      it('dit à une personne déjà accompagnée par France Travail de continuer avec lui, sans créer de demande', async () => {
        const avant = await compter('demandes');
        const reponse = await posterDemande(app.api, uneDemande({ accompagnementEnCours: 'france-travail', rappel: true }));
        expect(reponse.status).toBe(200);
        const corps = (await reponse.json()) as { orientation: { operateur: string; raison: string; alternatives: unknown[] } };
        expect(corps.orientation).toMatchObject({ operateur: 'france-travail', alternatives: [] });
        expect(corps.orientation.raison).toContain('deux services à la fois');
        expect(await compter('demandes')).toBe(avant);
      });
      it('refuse une réponse de l’orientation invalide (400, même message que POST /api/orientation)', async () => {
        const reponse = await posterDemande(app.api, uneDemande({ rappel: true, enEmploi: 'peut-être', age: 7 }));
        expect(reponse.status).toBe(400);
        const { erreurs } = (await reponse.json()) as { erreurs: { champ: string; message: string }[] };
        expect(erreurs.map((e) => e.champ).sort()).toEqual(['age', 'enEmploi']);
      });
      it('oriente une commune d’une autre région vers son opérateur régional', async () => {
        const reponse = await posterDemande(app.api, uneDemande({ commune: '69123', rappel: true }));
        expect(((await reponse.json()) as { orientation: { operateur: string } }).orientation.operateur).toBe('operateur-regional');
      });
    });

    describe('avec une saisie invalide', () => {
      const cas: [string, Record<string, unknown>, string][] = [
        ['une adresse électronique invalide', { email: 'pas-une-adresse' }, 'email'],
        ['un téléphone invalide', { telephone: '12345' }, 'telephone'],
        ['un nom vide', { nom: '  ' }, 'nom'],
        ['un prénom avec des chiffres', { prenom: 'L3a' }, 'prenom'],
        ['un code commune mal formé', { commune: 'Paris' }, 'commune'],
        ['une situation inconnue', { situation: 'astronaute' }, 'situation'],
        ['un motif inconnu', { motif: 'vacances' }, 'motif'],
        ['une modalité inconnue', { modalite: 'pigeon' }, 'modalite'],
        ['sans consentement', { consentement: false }, 'consentement'],
        ['ni créneau ni rappel', { rappel: undefined }, 'creneauId'],
        ['un créneau et un rappel', { creneauId: 1, rappel: true }, 'rappel'],
        ['un besoin d’accessibilité inconnu', { besoinsAccessibilite: { codes: ['jetpack'] } }, 'besoinsAccessibilite.codes.0'],
      ];
      it.each(cas)('refuse %s (400, message en français sur le champ) et ne crée rien', async (_, surcharge, champ) => {
        const avant = await compter('demandes');
        const reponse = await posterDemande(app.api, uneDemande({ rappel: true, ...surcharge }));
        expect(reponse.status).toBe(400);
        const { erreurs } = (await reponse.json()) as { erreurs: { champ: string; message: string }[] };
        expect(erreurs.map((e) => e.champ)).toContain(champ);
        expect(erreurs.find((e) => e.champ === champ)!.message).toMatch(/[a-zé]/);
        expect(await compter('demandes')).toBe(avant);
      });
      it('refuse une commune qui n’existe pas (400)', async () => {
        const reponse = await posterDemande(app.api, uneDemande({ rappel: true, commune: '99999' }));
        expect(reponse.status).toBe(400);
      });
      it('refuse un corps qui n’est pas du JSON (400)', async () => {
        const reponse = await app.api.request('/api/rendez-vous', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: '{pas du json',
        });
        expect(reponse.status).toBe(400);
        expect(JSON.stringify(await reponse.json())).toContain('JSON valide');
      });
      it('refuse un corps trop volumineux (413) sans rien créer', async () => {
        const avant = await compterParSql();
        const reponse = await app.api.request('/api/rendez-vous', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ ...uneDemande({ rappel: true }), motif: 'x'.repeat(20_000) }),
        });
        expect(reponse.status).toBe(413);
        expect(JSON.stringify(await reponse.json())).toContain('trop volumineuse');
        expect(await compterParSql()).toBe(avant);
      });
      it('normalise le téléphone et accepte un numéro international', async () => {
        const reponse = await posterDemande(app.api, uneDemande({ rappel: true, telephone: '+262 692 12 34 56' }));
        expect(reponse.status).toBe(201);
        const { reference } = (await reponse.json()) as { reference: string };
        expect((await lesDemandes()).find((d) => d.reference === reference)?.telephone).toBe('+262692123456');
      });
    });

    describe('au-delà de la limite d’envois par adresse', () => {
      it('répond 429 avec un message en français', async () => {
        const limitee = await uneAppLimiteeSur(moteur, 2);
        try {
          const statuts = [];
          for (let i = 0; i < 3; i++) statuts.push((await posterDemande(limitee.api, uneDemande({ rappel: true }))).status);
          expect(statuts).toEqual([201, 201, 429]);
        } finally {
          await limitee.fermer();
        }
      });
    });
  });

  describe('GET /api/creneaux', () => {
    let isole: AppDeTest;
    let a: number, b: number, c: number, d: number;
    afterAll(() => isole?.fermer());
    beforeAll(async () => {
      isole = await uneAppDeTestSur(moteur, { maintenant: '2026-11-23T09:00:00Z' });
      [a, b, c, d] = (await desCreneaux(isole.deps, [
        { debut: '2026-11-24T08:00:00Z' },
        { debut: '2026-11-24T09:00:00Z', modalite: 'telephone' },
        { debut: '2026-11-30T09:00:00Z', modalite: 'visio' },
        { debut: '2026-11-23T08:00:00Z' },
      ])) as [number, number, number, number];
    });
    const lire = async (q: string) => {
      const r = await isole.api.request(`/api/creneaux${q}`);
      return { statut: r.status, corps: (await r.json()) as unknown };
    };

    it('liste les créneaux libres à venir, dans l’ordre, au format du contrat', async () => {
      const { statut, corps } = await lire('?commune=93066');
      expect(statut).toBe(200);
      expect(corps).toEqual([
        {
          id: a,
          debut: '2026-11-24T08:00:00.000Z',
          fin: '2026-11-24T09:00:00.000Z',
          modalite: 'presentiel',
          site: { id: 'paris-11', nom: expect.any(String) as string, adresse: expect.any(Array) as string[] },
          horsDelai: false,
        },
        { id: b, debut: '2026-11-24T09:00:00.000Z', fin: '2026-11-24T10:00:00.000Z', modalite: 'telephone', horsDelai: false },
        { id: c, debut: '2026-11-30T09:00:00.000Z', fin: '2026-11-30T10:00:00.000Z', modalite: 'visio', horsDelai: false },
      ]);
      expect((corps as { id: number }[]).map((x) => x.id)).not.toContain(d);
    });
    it('filtre par modalité et à partir d’un jour', async () => {
      expect(((await lire('?modalite=telephone')).corps as { id: number }[]).map((x) => x.id)).toEqual([b]);
      expect(((await lire('?depuis=2026-11-30')).corps as { id: number }[]).map((x) => x.id)).toEqual([c]);
    });
    it('ne propose rien pour une commune d’un lot non servi', async () => {
      expect((await lire('?commune=69123')).corps).toEqual([]);
    });
    it('ne sert jamais une liste en cache périmée par une réservation ou une publication', async () => {
      const ids = async () => ((await lire('?modalite=telephone')).corps as { id: number }[]).map((x) => x.id);
      const [nouveau] = await desCreneaux(isole.deps, [{ debut: '2026-11-25T09:00:00Z', modalite: 'telephone' }]);
      expect(await ids()).toEqual([b, nouveau]);
      expect((await posterDemande(isole.api, uneDemande({ creneauId: b, modalite: 'telephone' }))).status).toBe(201);
      expect(await ids()).toEqual([nouveau]);
      const [encore] = await desCreneaux(isole.deps, [{ debut: '2026-11-26T09:00:00Z', modalite: 'telephone' }]);
      expect(await ids()).toEqual([nouveau, encore]);
    });
    it('refuse des paramètres invalides (400)', async () => {
      expect((await lire('?commune=99999')).statut).toBe(400);
      expect((await lire('?modalite=pigeon')).statut).toBe(400);
      expect((await lire('?depuis=2026-02-30')).statut).toBe(400);
      expect((await lire('?limite=0')).statut).toBe(400);
    });
  });

  describe('le lien privé', () => {
    let suivi: AppDeTest;
    beforeAll(async () => (suivi = await uneAppDeTestSur(moteur, { maintenant: '2026-11-23T09:00:00Z' })));
    afterAll(() => suivi?.fermer());
    async function reserver(debut: string) {
      const [id] = await desCreneaux(suivi.deps, [{ debut }]);
      const corps = (await (await posterDemande(suivi.api, uneDemande({ creneauId: id }))).json()) as { reference: string };
      const jeton = await jetonDuCourriel(suivi.deps, corps.reference);
      return { id: id!, reference: corps.reference, jeton };
    }
    const statutCreneau = async (id: number) =>
      (await suivi.deps.db.select().from(tables(suivi.deps.db).creneaux)).find((c) => c.id === id)!.statut;
    const courriels = async (reference: string) => derniersCourrielsLisibles(suivi.deps, { reference });

    it('annule : le créneau redevient libre, le rappel ne partira pas, un courriel confirme avec une annulation .ics', async () => {
      const { id, reference, jeton } = await reserver('2026-12-02T09:00:00Z');
      expect(await annulerDemande(suivi.deps, jeton)).toEqual({ ok: true });
      expect(await statutCreneau(id)).toBe('libre');
      expect((await courriels(reference)).find((c) => c.categorie === 'rendez-vous.rappel')!.statut).toBe('annule');
      const annulation = (await courriels(reference)).find((c) => c.categorie === 'rendez-vous.annulation')!;
      expect(annulation.texte).toContain('médiateur de France compétences');
      expect(
        Buffer.from((JSON.parse(annulation.piecesJointes) as { contenuBase64: string }[])[0]!.contenuBase64, 'base64').toString(),
      ).toContain('METHOD:CANCEL');
      expect(await annulerDemande(suivi.deps, jeton)).toEqual({ ok: false, erreur: 'DEMANDE_CLOSE' });
    });

    it('déplace : nouveau créneau réservé, ancien libéré, nouveau rappel, invitation mise à jour', async () => {
      const { id, reference, jeton } = await reserver('2026-12-03T09:00:00Z');
      const [autre] = await desCreneaux(suivi.deps, [{ debut: '2026-12-04T13:00:00Z', modalite: 'visio' }]);
      expect(await deplacerRendezVous(suivi.deps, jeton, autre!)).toEqual({ ok: true });
      expect(await statutCreneau(id)).toBe('libre');
      expect(await statutCreneau(autre!)).toBe('reserve');
      const rappels = (await courriels(reference)).filter((c) => c.categorie === 'rendez-vous.rappel');
      expect(rappels.map((r) => r.statut).sort()).toEqual(['annule', 'en-attente']);
      expect(rappels.find((r) => r.statut === 'en-attente')!.envoyerApres).toBe('2026-12-02T13:00:00.000Z');
      const modification = (await courriels(reference)).find((c) => c.categorie === 'rendez-vous.modification')!;
      expect(
        Buffer.from((JSON.parse(modification.piecesJointes) as { contenuBase64: string }[])[0]!.contenuBase64, 'base64').toString(),
      ).toContain('SEQUENCE:1');
      expect((await lireSuivi(suivi.deps, jeton))?.demande.modalite).toBe('visio');
    });

    it('refuse de déplacer vers un créneau déjà pris, sans rien changer', async () => {
      const { id, jeton } = await reserver('2026-12-07T09:00:00Z');
      const { id: pris } = await reserver('2026-12-07T10:00:00Z');
      expect(await deplacerRendezVous(suivi.deps, jeton, pris)).toEqual({ ok: false, erreur: 'CRENEAU_INDISPONIBLE' });
      expect(await statutCreneau(id)).toBe('reserve');
    });

    it('ne trouve rien avec un jeton inventé', async () => {
      expect(await lireSuivi(suivi.deps, 'x'.repeat(43))).toBeUndefined();
      expect(await annulerDemande(suivi.deps, 'x'.repeat(43))).toEqual({ ok: false, erreur: 'DEMANDE_INCONNUE' });
    });
  });
});
