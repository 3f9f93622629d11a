import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tables } from '../../db/moteur.ts';
import { creerCompte } from '../../server/conseiller/service.ts';
import { derniersCourrielsLisibles } from '../../server/courriel/composition.ts';
import { creerTransportSmtp, envoyerCourrielsDus } from '../../server/courriel/envoi.ts';
import { alertesAgenda, creneauxAVenir, publierCreneaux, retirerCreneau } from '../../server/rendez-vous/agenda.ts';
import { publierCreneauxDeDemonstration } from '../../server/rendez-vous/demonstration.ts';
import {
  enregistrerPremierEchange,
  fileDesDemandes,
  indicateurDelais,
  indicateurDesDouzeDerniersMois,
  reorienterDemande,
} from '../../server/rendez-vous/file-d-attente.ts';
import { dateLocale, partiesLocales } from '../../server/calendrier/fuseaux.ts';
import { estJourOuvre } from '../../server/calendrier/jours-ouvres.ts';
import { uneAppDeTestSur, type AppDeTest } from '../fixtures/app.ts';
import { MOTEURS } from '../fixtures/deux-moteurs.ts';
import { desCreneaux, posterDemande, uneDemandeAInserer, uneDemandeDeRendezVous } from '../fixtures/rendez-vous.ts';
import { demarrerSmtpDeTest } from '../fixtures/smtp.ts';

const instant = new Date('2026-11-23T09:00:00Z');

describe.each(MOTEURS)('l’espace des rendez-vous (%s)', (moteur) => {
  let app: AppDeTest;
  let deps: AppDeTest['deps'];
  beforeAll(async () => {
    app = await uneAppDeTestSur(moteur);
    deps = { ...app.deps, maintenant: () => instant };
  });
  afterAll(() => app?.fermer());

  const compte = async (identifiant: string, role: 'conseiller' | 'manager') => {
    const r = await creerCompte(deps, {
      identifiant,
      nomAffiche: identifiant.split('@')[0]!,
      role,
      motDePasse: 'un mot de passe assez long',
    });
    if (!r.ok) throw new Error(r.erreur);
    return { id: r.compte.id, nomAffiche: r.compte.nomAffiche, role };
  };
  const actions = async () => (await deps.db.select().from(tables(deps.db).journalAudit)).map((l) => l.action);

  describe('les créneaux de démonstration', () => {
    let demo: AppDeTest;
    let publies: number;
    let tous: { debut: string; modalite: string }[];
    beforeAll(async () => {
      demo = await uneAppDeTestSur(moteur, { maintenant: '2026-12-21T09:00:00Z' });
      publies = await publierCreneauxDeDemonstration(demo.deps);
      tous = await demo.deps.db.select().from(tables(demo.deps.db).creneaux);
    });
    afterAll(() => demo?.fermer());

    it('publie des créneaux pour six semaines, et une seule fois', async () => {
      expect(publies).toBeGreaterThan(200);
      expect(tous).toHaveLength(publies);
      expect(await publierCreneauxDeDemonstration(demo.deps)).toBe(0);
    });
    it('seulement les jours ouvrés, à partir de demain, en heures de Paris enregistrées en UTC', () => {
      const jours = new Set(tous.map((c) => dateLocale(new Date(c.debut), 'Europe/Paris')));
      expect([...jours].every((j) => estJourOuvre(j, 'FR'))).toBe(true);
      expect(jours.has('2026-12-25')).toBe(false);
      expect(jours.has('2027-01-01')).toBe(false);
      expect([...jours].sort()[0]).toBe('2026-12-22');
      expect(tous.every((c) => c.debut.endsWith('Z'))).toBe(true);
      const heures = new Set(tous.map((c) => partiesLocales(new Date(c.debut), 'Europe/Paris').heure));
      expect(heures.has('08:00')).toBe(true);
      expect(heures.has('17:30')).toBe(true);
    });
    it('couvre les trois modalités et respecte les horaires élargis sur chaque site', async () => {
      expect(new Set(tous.map((c) => c.modalite))).toEqual(new Set(['presentiel', 'telephone', 'visio']));
      const alertes = await alertesAgenda(demo.deps);
      for (const { semaines } of alertes.horaires) expect(semaines.slice(1, 5).every((s) => !s.insuffisante)).toBe(true);
      expect(alertes.delais).toEqual([expect.objectContaining({ lot: 1, depasse: false })]);
    });
  });

  describe('l’agenda du conseiller', () => {
    it('publie une plage répétée, sans jour férié ni chevauchement, et trace l’action', async () => {
      const c = await compte('agenda@exemple.fr', 'conseiller');
      // Jeudi 24 décembre 2026 puis 31 décembre : deux jeudis ouvrés ; le 7 janvier aussi.
      const r = await publierCreneaux(deps, c, {
        modalite: 'presentiel',
        site: 'saint-denis',
        date: '2026-12-24',
        de: '08:00',
        a: '10:00',
        duree: 60,
        semaines: 3,
      });
      expect(r).toEqual({ ok: true, publies: 6, ignores: { feries: 0, passes: 0, chevauchements: 0 } });
      const encore = await publierCreneaux(deps, c, {
        modalite: 'telephone',
        date: '2026-12-24',
        de: '09:30',
        a: '10:30',
        duree: 30,
        semaines: 1,
      });
      expect(encore).toEqual({ ok: true, publies: 1, ignores: { feries: 0, passes: 0, chevauchements: 1 } });
      const ferie = await publierCreneaux(deps, c, {
        modalite: 'visio',
        date: '2026-12-25',
        de: '14:00',
        a: '15:00',
        duree: 60,
        semaines: 1,
      });
      expect(ferie).toEqual({ ok: false, erreur: 'RIEN_A_PUBLIER' });
      expect((await actions()).filter((a) => a === 'agenda.publication')).toHaveLength(2);
      const mes = await creneauxAVenir(deps, c);
      expect(mes.map((x) => x.creneau.debut)[0]).toBe('2026-12-24T07:00:00.000Z');
    });
    it('retire un créneau libre de son agenda, pas celui d’un autre', async () => {
      const a = await compte('retrait-a@exemple.fr', 'conseiller');
      const b = await compte('retrait-b@exemple.fr', 'conseiller');
      await publierCreneaux(deps, a, { modalite: 'visio', date: '2026-12-28', de: '14:00', a: '15:00', duree: 60, semaines: 1 });
      const id = (await creneauxAVenir(deps, a))[0]!.creneau.id;
      expect(await retirerCreneau(deps, b, id)).toBe(false);
      expect(await retirerCreneau(deps, a, id)).toBe(true);
      expect(await actions()).toContain('agenda.retrait');
    });
    it('alerte le responsable : semaine sans horaires élargis, premier créneau libre au-delà de 30 jours ouvrés', async () => {
      const vide = await uneAppDeTestSur(moteur, { maintenant: '2026-11-23T09:00:00Z' });
      try {
        await desCreneaux(vide.deps, [
          { debut: '2026-11-24T13:00:00Z', site: 'paris-11' },
          { debut: '2027-02-15T09:00:00Z', modalite: 'visio' },
        ]);
        await vide.deps.db.update(tables(vide.deps.db).creneaux).set({ statut: 'reserve' }).where(undefined);
        await desCreneaux(vide.deps, [{ debut: '2027-02-15T09:00:00Z', modalite: 'visio' }]);
        const alertes = await alertesAgenda(vide.deps);
        const paris = alertes.horaires.find((h) => h.site.id === 'paris-11')!;
        expect(paris.semaines[0]).toMatchObject({ lundi: '2026-11-23', creneaux: 1, insuffisante: true });
        expect(alertes.delais[0]).toMatchObject({ lot: 1, limite: '2027-01-06', depasse: true });
        expect(alertes.delais[0]!.prochainLibre?.debut).toBe('2027-02-15T09:00:00.000Z');
      } finally {
        await vide.fermer();
      }
    });
  });

  describe('la file des demandes', () => {
    it('classe par échéance, compte les jours ouvrés restants, signale à risque et en retard', async () => {
      const poster = async (email: string) =>
        ((await (await posterDemande(app.api, uneDemandeDeRendezVous({ rappel: true, email }))).json()) as { reference: string }).reference;
      const [enRetard, aRisque, large] = [
        await poster('retard@exemple.fr'),
        await poster('risque@exemple.fr'),
        await poster('large@exemple.fr'),
      ];
      const echeance = async (reference: string, date: string) => {
        const { demandes } = tables(deps.db);
        await deps.db.update(demandes).set({ echeance: date }).where(eq(demandes.reference, reference));
      };
      await echeance(enRetard, '2026-11-12');
      await echeance(aRisque, '2026-11-27');
      const file = await fileDesDemandes(deps);
      expect(file.map((l) => l.demande.reference)).toEqual([enRetard, aRisque, large]);
      expect(file.map((l) => [l.etat, l.joursRestants])).toEqual([
        ['en-retard', -7],
        ['a-risque', 4],
        ['dans-les-delais', 30],
      ]);
    });

    it('enregistre le premier échange : la demande sort de la file, l’action est tracée', async () => {
      const c = await compte('echange@exemple.fr', 'conseiller');
      const ligne = (await fileDesDemandes(deps))[0]!;
      expect(
        await enregistrerPremierEchange(deps, c, ligne.demande.reference, { date: '2026-11-30', canal: 'telephone', compteId: c.id }),
      ).toMatchObject({ ok: false, champ: 'date' });
      expect(
        await enregistrerPremierEchange(deps, c, ligne.demande.reference, { date: '2026-11-23', canal: 'telephone', compteId: 9999 }),
      ).toMatchObject({ ok: false, champ: 'compteId' });
      expect(
        await enregistrerPremierEchange(deps, c, ligne.demande.reference, { date: '2026-11-23', canal: 'telephone', compteId: c.id }),
      ).toEqual({ ok: true });
      expect((await fileDesDemandes(deps)).map((l) => l.demande.reference)).not.toContain(ligne.demande.reference);
      const trace = (await deps.db.select().from(tables(deps.db).journalAudit)).find((l) => l.action === 'rendez-vous.premier-echange')!;
      expect(trace.cible).toBe(ligne.demande.reference);
      expect(
        (await enregistrerPremierEchange(deps, c, ligne.demande.reference, { date: '2026-11-23', canal: 'telephone', compteId: c.id })).ok,
      ).toBe(false);
    });

    it('réoriente vers un autre opérateur en gardant numéro et échéance, libère le créneau et prévient la personne', async () => {
      const c = await compte('reorientation@exemple.fr', 'manager');
      const [id] = await desCreneaux(deps, [{ debut: '2026-12-10T09:00:00Z' }]);
      const { reference, echeance } = (await (
        await posterDemande(app.api, uneDemandeDeRendezVous({ creneauId: id, email: 'reo@exemple.fr' }))
      ).json()) as { reference: string; echeance: string };
      expect(await reorienterDemande(deps, c, reference, { vers: 'lot:7', motif: 'Autre région' })).toMatchObject({
        ok: false,
        champ: 'vers',
      });
      expect(await reorienterDemande(deps, c, reference, { vers: 'apec', motif: 'Cadre, préfère l’Apec' })).toEqual({ ok: true });
      const d = (await deps.db.select().from(tables(deps.db).demandes)).find((x) => x.reference === reference)!;
      expect(d).toMatchObject({ statut: 'reorientee', reorienteeVers: 'apec', echeance, creneauId: null });
      expect((await deps.db.select().from(tables(deps.db).creneaux)).find((x) => x.id === id)!.statut).toBe('libre');
      const courriels = await derniersCourrielsLisibles(deps, { reference });
      expect(courriels.find((x) => x.categorie === 'rendez-vous.rappel')!.statut).toBe('annule');
      const reorientation = courriels.find((x) => x.categorie === 'rendez-vous.reorientation')!.texte;
      expect(reorientation).toContain('l’Apec');
      // Rien n'est transmis sans l'accord de la personne : le courriel ne prétend pas le contraire et dit quoi faire.
      expect(reorientation).not.toContain('Nous lui avons transmis');
      expect(reorientation).toContain('Nous ne lui avons rien transmis');
      expect(reorientation).toContain('Vous préférez que nous lui transmettions votre demande ?');
      expect(await actions()).toContain('rendez-vous.reorientation');
    });
  });

  describe('l’indicateur de délai (8.4)', () => {
    it('donne moyenne, médiane et part dans les 30 jours ouvrés, par lot et par mois', async () => {
      const ind = await uneAppDeTestSur(moteur, { maintenant: '2027-02-15T09:00:00Z' });
      try {
        const base = { ...uneDemandeAInserer('', { motif: 'autre', modalite: 'telephone' }), modifieLe: 'x' };
        const lignes = [
          { dateDemande: '2026-11-02', echeance: '2026-12-14', premierEchangeLe: '2026-11-09', statut: 'premier-echange' as const }, // 5 jours ouvrés
          { dateDemande: '2026-11-02', echeance: '2026-12-14', premierEchangeLe: '2026-11-16', statut: 'premier-echange' as const }, // 9 (11 novembre férié)
          { dateDemande: '2026-11-03', echeance: '2026-12-15', premierEchangeLe: '2026-12-31', statut: 'premier-echange' as const }, // 40 jours ouvrés : hors délai
          { dateDemande: '2026-11-04', echeance: '2026-12-16', statut: 'ouverte' as const }, // en retard, sans échange
          { dateDemande: '2026-11-05', echeance: '2026-12-17', statut: 'annulee' as const }, // exclue
          { dateDemande: '2026-12-01', echeance: '2027-01-13', premierEchangeLe: '2026-12-02', statut: 'premier-echange' as const },
        ];
        for (const [i, l] of lignes.entries())
          await ind.deps.db
            .insert(tables(ind.deps.db).demandes)
            .values({ ...base, ...l, reference: `0126110000000${i}`, empreinteJeton: `j${i}` });
        const resultat = await indicateurDelais(ind.deps, { du: '2026-11-01', au: '2027-01-01' });
        expect(resultat).toEqual([
          {
            lot: 1,
            mois: '2026-11',
            demandes: 4,
            premiersEchanges: 3,
            moyenne: 18,
            mediane: 9,
            enRetardSansEchange: 1,
            dansLeDelai: 2,
            partDansLeDelai: 0.5,
          },
          {
            lot: 1,
            mois: '2026-12',
            demandes: 1,
            premiersEchanges: 1,
            moyenne: 1,
            mediane: 1,
            enRetardSansEchange: 0,
            dansLeDelai: 1,
            partDansLeDelai: 1,
          },
        ]);
      } finally {
        await ind.fermer();
      }
    });
  });

  describe('l’indicateur de la file, sur les douze derniers mois', () => {
    it('compte les douze mois qui finissent par le mois en cours à Paris, même après minuit à Paris et avant minuit UTC', async () => {
      // Lundi 30 novembre 2026, 23 h 30 UTC : déjà le 1er décembre à Paris ; la période va de janvier à décembre 2026.
      const ind = await uneAppDeTestSur(moteur, { maintenant: '2026-11-30T23:30:00Z' });
      try {
        const base = { ...uneDemandeAInserer('', { motif: 'autre', modalite: 'telephone' }), modifieLe: 'x' };
        const lignes = [
          { dateDemande: '2025-12-15', echeance: '2026-01-28' },
          { dateDemande: '2026-01-05', echeance: '2026-02-16' },
        ];
        for (const [i, l] of lignes.entries())
          await ind.deps.db
            .insert(tables(ind.deps.db).demandes)
            .values({ ...base, ...l, statut: 'ouverte', reference: `0126110000010${i}`, empreinteJeton: `k${i}` });
        expect((await indicateurDesDouzeDerniersMois(ind.deps)).map((l) => l.mois)).toEqual(['2026-01']);
      } finally {
        await ind.fermer();
      }
    });
  });

  describe('les courriels, vraiment envoyés', () => {
    it('la confirmation arrive au serveur SMTP avec l’invitation .ics et la mention du médiateur', async () => {
      const smtp = await demarrerSmtpDeTest();
      const envoi = await uneAppDeTestSur(moteur, { maintenant: '2026-11-23T09:00:00Z' });
      try {
        const [id] = await desCreneaux(envoi.deps, [{ debut: '2026-11-30T14:00:00Z', modalite: 'visio' }]);
        const r = await posterDemande(envoi.api, uneDemandeDeRendezVous({ creneauId: id, modalite: 'visio', email: 'smtp@exemple.fr' }));
        expect(r.status).toBe(201);
        expect(await envoyerCourrielsDus(envoi.deps, creerTransportSmtp(smtp.url))).toBe(1);
        const recu = smtp.recus[0]!;
        expect(recu.a).toEqual(['smtp@exemple.fr']);
        expect(recu.sujet).toMatch(/^Votre demande de rendez-vous – dossier 01 26 11 00 \d{6}$/);
        expect(recu.texte).toContain('lundi 30 novembre 2026 de 15 h à 16 h');
        expect(recu.texte).toContain('médiateur de France compétences');
        expect(recu.piecesJointes[0]).toMatchObject({ nom: 'rendez-vous.ics' });
        expect(recu.piecesJointes[0]!.type).toContain('text/calendar');
        expect(recu.piecesJointes[0]!.contenu).toContain('DTSTART:20261130T140000Z');
      } finally {
        await envoi.fermer();
        await smtp.arreter();
      }
    });
  });
});
