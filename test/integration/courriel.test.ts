import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executer, tables } from '../../db/moteur.ts';
import { chargerDeploiement } from '../../server/deploiement/charger.ts';
import { derniersCourriels, mettreEnFile } from '../../server/courriel/repository.ts';
import { derniersCourrielsLisibles, SECRET_MASQUE } from '../../server/courriel/composition.ts';
import { creerTransportSmtp, envoyerCourrielsDus } from '../../server/courriel/envoi.ts';
import { composerCourriel } from '../../server/courriel/modele.ts';
import { JETON_MASQUE } from '../../server/rendez-vous/courriels.ts';
import { annulerDemande, demanderRendezVous, deplacerRendezVous, lireSuivi } from '../../server/rendez-vous/service.ts';
import { schemaDemandeRendezVous } from '../../server/rendez-vous/schema.ts';
import { uneAppDeTestSur, type AppDeTest } from '../fixtures/app.ts';
import { MOTEURS } from '../fixtures/deux-moteurs.ts';
import { ouApparaitEnBase } from '../fixtures/en-base.ts';
import { desCreneaux, jetonDuCourriel, posterDemande, uneDemandeDeRendezVous } from '../fixtures/rendez-vous.ts';
import { demarrerSmtpDeTest } from '../fixtures/smtp.ts';

describe('la composition d’un courriel', () => {
  const c = composerCourriel(chargerDeploiement('content/deploiement/demo.json'), {
    sujet: 'S',
    salutation: 'Bonjour,',
    blocs: ['<b>texte</b>'],
  });
  it('nomme toujours le médiateur de France compétences et comment le saisir', () => {
    for (const corps of [c.texte, c.html]) {
      expect(corps).toContain('médiateur de France compétences');
      expect(corps).toContain('11 rue Scribe');
    }
  });
  it('échappe le texte dans la version HTML', () => expect(c.html).toContain('&lt;b&gt;texte&lt;/b&gt;'));
});

describe.each(MOTEURS)('les courriels (%s)', (moteur) => {
  let app: AppDeTest;
  let smtp: Awaited<ReturnType<typeof demarrerSmtpDeTest>>;
  beforeAll(async () => {
    app = await uneAppDeTestSur(moteur, { maintenant: '2026-11-23T09:00:00Z' });
    smtp = await demarrerSmtpDeTest();
  });
  afterAll(async () => {
    await smtp?.arreter();
    await app?.fermer();
  });

  const unCourriel = (surcharges: Partial<Parameters<typeof mettreEnFile>[1]> = {}) => ({
    ...composerCourriel(app.deps.deploiement, {
      sujet: 'Votre demande',
      salutation: 'Bonjour Léa,',
      blocs: ['Nous avons bien reçu votre demande <script>alert(1)</script>.'],
    }),
    destinataire: 'lea@exemple.fr',
    categorie: 'essai',
    reference: 'DOSSIER-1',
    envoyerApres: '2026-11-23T09:00:00.000Z',
    ...surcharges,
  });

  describe('la boîte d’envoi et le facteur', () => {
    it('envoie un courriel en file au vrai serveur SMTP, avec sa pièce jointe', async () => {
      await mettreEnFile(
        app.deps.db,
        unCourriel({ piecesJointes: [{ nom: 'rendez-vous.ics', type: 'text/calendar', contenu: 'BEGIN:VCALENDAR' }] }),
      );
      expect(await envoyerCourrielsDus(app.deps, creerTransportSmtp(smtp.url))).toBe(1);
      const recu = smtp.recus.at(-1)!;
      expect(recu.a).toEqual(['lea@exemple.fr']);
      expect(recu.sujet).toBe('Votre demande');
      expect(recu.texte).toContain('médiateur de France compétences');
      expect(recu.html).not.toContain('<script>');
      expect(recu.piecesJointes).toEqual([{ nom: 'rendez-vous.ics', type: 'text/calendar', contenu: 'BEGIN:VCALENDAR' }]);
      expect((await derniersCourrielsLisibles(app.deps, { reference: 'DOSSIER-1' }))[0]).toMatchObject({ statut: 'envoye', tentatives: 0 });
    });
    it('n’envoie pas avant l’heure prévue (rappels)', async () => {
      await mettreEnFile(app.deps.db, unCourriel({ reference: 'DOSSIER-2', envoyerApres: '2026-11-25T09:00:00.000Z' }));
      expect(await envoyerCourrielsDus(app.deps, creerTransportSmtp(smtp.url))).toBe(0);
      expect((await derniersCourrielsLisibles(app.deps, { reference: 'DOSSIER-2' }))[0]!.statut).toBe('en-attente');
    });
    it('garde le courriel et réessaie plus tard quand le serveur SMTP ne répond pas, sans adresse au journal', async () => {
      await mettreEnFile(app.deps.db, unCourriel({ reference: 'DOSSIER-3' }));
      const injoignable = creerTransportSmtp('smtp://127.0.0.1:1');
      expect(await envoyerCourrielsDus(app.deps, injoignable)).toBe(0);
      const c = (await derniersCourrielsLisibles(app.deps, { reference: 'DOSSIER-3' }))[0]!;
      expect(c).toMatchObject({ statut: 'en-attente', tentatives: 1, envoyerApres: '2026-11-23T09:01:00.000Z' });
      expect(c.derniereErreur).toBeTruthy();
      expect(app.journal.lignes.join('\n')).toContain('courriel.echec');
      expect(app.journal.lignes.join('\n')).not.toContain('lea@exemple.fr');
    });
  });

  // Les courriels de rendez-vous sont mis en file à composer (docs/decisions/2026-11-23-courriels-composes-a-l-envoi.md).
  async function reserver(debut: string, email: string) {
    const [id] = await desCreneaux(app.deps, [{ debut, modalite: 'visio' }]);
    const r = await posterDemande(app.api, uneDemandeDeRendezVous({ creneauId: id, modalite: 'visio', email }));
    expect(r.status).toBe(201);
    const { reference } = (await r.json()) as { reference: string };
    return { reference, bruts: await derniersCourriels(app.deps.db, { reference }) };
  }
  const envoyer = () => envoyerCourrielsDus(app.deps, creerTransportSmtp(smtp.url));
  const recusPar = (email: string) => smtp.recus.filter((m) => m.a.includes(email));
  const jetonRecu = (texte: string) => /\/rendez-vous\/suivi\/([\w-]+)/.exec(texte)![1]!;

  describe('quand une demande de rendez-vous est enregistrée', () => {
    it('met en file la confirmation et le rappel sans contenu ni jeton : rien n’est composé sur le chemin de la demande', async () => {
      const { bruts } = await reserver('2026-12-07T09:00:00Z', 'file@exemple.fr');
      expect(bruts.map((c) => c.categorie).sort()).toEqual(['rendez-vous.confirmation', 'rendez-vous.rappel']);
      for (const c of bruts) {
        expect(c).toMatchObject({ sujet: null, texte: null, html: null, piecesJointes: '[]', statut: 'en-attente' });
        expect(JSON.parse(c.donnees!)).toEqual({});
      }
      expect(bruts.find((c) => c.categorie === 'rendez-vous.rappel')!.envoyerApres).toBe('2026-12-05T09:00:00.000Z');
    });

    it('la lit dans l’espace conseiller comme elle partira (invitation .ics, médiateur), sans lien privé utilisable', async () => {
      const { reference } = await reserver('2026-12-08T09:00:00Z', 'lecture@exemple.fr');
      const confirmation = (await derniersCourrielsLisibles(app.deps, { reference })).find(
        (c) => c.categorie === 'rendez-vous.confirmation',
      )!;
      expect(confirmation.texte).toContain(`/rendez-vous/suivi/${JETON_MASQUE}`);
      expect(await lireSuivi(app.deps, JETON_MASQUE)).toBeUndefined();
      expect(confirmation.texte).toContain('médiateur de France compétences');
      expect(confirmation.piecesJointes).toContain('contenuBase64');
    });

    it('compose à l’envoi avec un lien privé neuf qui marche, et garde ce qui est parti sans ce jeton', async () => {
      const { reference } = await reserver('2026-12-09T09:00:00Z', 'envoi@exemple.fr');
      await envoyer();
      const [recu] = recusPar('envoi@exemple.fr');
      const jeton = jetonRecu(recu!.texte);
      expect((await lireSuivi(app.deps, jeton))?.demande.reference).toBe(reference);
      expect(recu!.piecesJointes[0]!.contenu).toContain('DTSTART:20261209T090000Z');
      const garde = (await derniersCourriels(app.deps.db, { reference })).find((c) => c.categorie === 'rendez-vous.confirmation')!;
      expect(garde).toMatchObject({
        statut: 'envoye',
        sujet: recu!.sujet,
        texte: recu!.texte.replace(jeton, SECRET_MASQUE),
        donnees: null,
      });
    });

    it('ne laisse le jeton en clair dans aucune ligne d’aucune table, ni celui de la page de confirmation ni celui du courriel', async () => {
      const [id] = await desCreneaux(app.deps, [{ debut: '2026-12-16T09:00:00Z', modalite: 'visio' }]);
      const entree = schemaDemandeRendezVous.parse(uneDemandeDeRendezVous({ creneauId: id, modalite: 'visio', email: 'clair@exemple.fr' }));
      const resultat = await demanderRendezVous(app.deps, entree);
      if (!resultat.ok || resultat.statut !== 'enregistree') throw new Error('demande refusée');
      expect(await ouApparaitEnBase(app.deps.db, resultat.jeton)).toEqual([]);
      // La recherche voit bien les lignes : l'adresse de la demande, elle, est en base.
      expect(await ouApparaitEnBase(app.deps.db, 'CLAIR@exemple.fr')).toContain('demandes.email');
      await envoyer();
      const recus = recusPar('clair@exemple.fr');
      expect(recus).toHaveLength(1);
      const jeton = jetonRecu(recus[0]!.texte);
      expect(jeton).not.toBe(resultat.jeton);
      expect(await ouApparaitEnBase(app.deps.db, jeton)).toEqual([]);
      // Les deux liens mènent au dossier : celui de la page de confirmation et celui du courriel.
      expect((await lireSuivi(app.deps, resultat.jeton))?.demande.reference).toBe(resultat.reference);
      expect((await lireSuivi(app.deps, jeton))?.demande.reference).toBe(resultat.reference);
    });

    it('envoie encore, avec son jeton, un courriel mis en file avant ce changement, sans le garder ensuite', async () => {
      const { reference } = await reserver('2026-12-17T09:00:00Z', 'ancien@exemple.fr');
      const jeton = await jetonDuCourriel(app.deps, reference);
      // Une ligne d'avant : le jeton du lien privé était gardé en clair dans `donnees`.
      const { courrielsSortants } = tables(app.deps.db);
      await app.deps.db
        .update(courrielsSortants)
        .set({ donnees: JSON.stringify({ jeton }) })
        .where(and(eq(courrielsSortants.reference, reference), eq(courrielsSortants.categorie, 'rendez-vous.confirmation')));
      await envoyer();
      const [recu] = recusPar('ancien@exemple.fr');
      expect(jetonRecu(recu!.texte)).toBe(jeton);
      expect(await ouApparaitEnBase(app.deps.db, jeton)).toEqual([]);
    });

    it('donne le nouveau créneau quand le rendez-vous a été déplacé avant l’envoi', async () => {
      const { reference } = await reserver('2026-12-10T09:00:00Z', 'deplace@exemple.fr');
      const jeton = await jetonDuCourriel(app.deps, reference);
      const [autre] = await desCreneaux(app.deps, [{ debut: '2026-12-11T13:00:00Z', modalite: 'visio' }]);
      expect(await deplacerRendezVous(app.deps, jeton, autre!)).toEqual({ ok: true });
      await envoyer();
      const recus = recusPar('deplace@exemple.fr');
      expect(recus.map((m) => m.sujet.split(' –')[0]).sort()).toEqual(['Rendez-vous déplacé', 'Votre demande de rendez-vous']);
      for (const m of recus) {
        expect(m.texte).toContain('vendredi 11 décembre 2026');
        expect(m.texte).not.toContain('jeudi 10 décembre 2026');
      }
    });

    it('n’envoie pas la confirmation d’une demande annulée avant l’envoi : seule l’annulation part', async () => {
      const { reference } = await reserver('2026-12-14T09:00:00Z', 'annule@exemple.fr');
      const jeton = await jetonDuCourriel(app.deps, reference);
      expect(await annulerDemande(app.deps, jeton)).toEqual({ ok: true });
      await envoyer();
      expect(recusPar('annule@exemple.fr').map((m) => m.sujet.split(' –')[0])).toEqual(['Rendez-vous annulé']);
      const etats = Object.fromEntries((await derniersCourriels(app.deps.db, { reference })).map((c) => [c.categorie, c.statut]));
      expect(etats).toEqual({ 'rendez-vous.confirmation': 'annule', 'rendez-vous.rappel': 'annule', 'rendez-vous.annulation': 'envoye' });
    });

    it('un courriel qui ne se compose pas échoue seul : les autres partent, lui sera retenté', async () => {
      await executer(
        app.deps.db,
        sql`insert into courriels_sortants (categorie, reference, destinataire, donnees, envoyer_apres) values ('rendez-vous.confirmation', 'ABIME', 'abime@exemple.fr', '{', '2026-11-23T09:00:00.000Z')`,
      );
      await mettreEnFile(app.deps.db, unCourriel({ reference: 'APRES-ABIME', destinataire: 'apres-abime@exemple.fr' }));
      await envoyer();
      expect(recusPar('apres-abime@exemple.fr')).toHaveLength(1);
      expect((await derniersCourriels(app.deps.db, { reference: 'ABIME' }))[0]).toMatchObject({
        statut: 'en-attente',
        tentatives: 1,
        envoyerApres: '2026-11-23T09:01:00.000Z',
      });
    });

    it('refuse en base un courriel ni composé ni à composer', async () => {
      const insertion = executer(
        app.deps.db,
        sql`insert into courriels_sortants (categorie, destinataire, envoyer_apres) values ('essai', 'x@exemple.fr', '2026-11-23T09:00:00.000Z')`,
      );
      // Le refus de chaque moteur : SQLite le dit dans son message, PostgreSQL dans la cause de l'erreur de Drizzle.
      const refus = await insertion.then(
        () => undefined,
        (e: unknown) => e as Error & { cause?: Error },
      );
      expect(`${refus?.message} ${refus?.cause?.message ?? ''}`).toMatch(
        /CHECK constraint failed|violates check constraint "courriels_composes_ou_a_composer"/,
      );
    });
  });
});
