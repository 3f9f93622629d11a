import { sql } from 'drizzle-orm';
import { executer, tables } from '../../../db/moteur.ts';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { derniersCourriels } from '../../../server/courriel/repository.ts';
import { creerTransportSmtp, envoyerCourrielsDus } from '../../../server/courriel/envoi.ts';
import { champsManquants, renseignerDonneesUo1 } from '../../../server/parcours/donnees.ts';
import {
  cloreParSouhaitEcrit,
  demanderDroits,
  demanderLien,
  lireEspace,
  lireSessionEspace,
  modifierCoordonnees,
  ouvrirSession,
} from '../../../server/parcours/espace.ts';
import { depotParcours } from '../../../server/parcours/repository.ts';
import { ajouterInteraction, engager } from '../../../server/parcours/service.ts';
import { auditSur, unParcoursDeTestSur, type ParcoursDeTest } from '../../fixtures/parcours.ts';
import { MOTEURS } from '../../fixtures/deux-moteurs.ts';
import { demarrerSmtpDeTest } from '../../fixtures/smtp.ts';

let smtp: Awaited<ReturnType<typeof demarrerSmtpDeTest>>;
let p: ParcoursDeTest;
beforeAll(async () => {
  smtp = await demarrerSmtpDeTest();
});
afterAll(() => smtp.arreter());

const envoyer = () => envoyerCourrielsDus(p.deps, creerTransportSmtp(smtp.url));
const jetonRecu = () => /\/mon-espace\/entree\/([\w-]+)/.exec(smtp.recus.at(-1)?.texte ?? '')?.[1];

describe.each(MOTEURS)('l’espace de la personne (%s)', (moteur) => {
  beforeEach(async () => {
    p = await unParcoursDeTestSur(moteur, { maintenant: '2026-12-05T10:00:00Z' });
    smtp.recus.length = 0;
  });
  afterEach(() => p.fermer());

  describe('le lien vers l’espace de la personne', () => {
    it('répond pareil pour une adresse connue ou inconnue, et n’écrit qu’à l’adresse d’un dossier', async () => {
      await p.unDossier();
      const connue = await demanderLien(p.deps, { email: 'Lea.Martin@exemple.fr' });
      const inconnue = await demanderLien(p.deps, { email: 'personne@exemple.fr' });
      expect(inconnue).toEqual(connue);
      await envoyer();
      expect(smtp.recus.map((c) => c.a)).toEqual([['lea.martin@exemple.fr']]);
    });

    it('ne garde aucun jeton en clair : ni dans la boîte d’envoi avant l’envoi, ni après', async () => {
      await p.unDossier();
      await demanderLien(p.deps, { email: 'lea.martin@exemple.fr' });
      const enFile = (await derniersCourriels(p.deps.db))[0]!;
      expect(enFile.sujet).toBeNull();
      expect(enFile.donnees).toMatch(/^\{"lien":"\d+"\}$/);
      await envoyer();
      const jeton = jetonRecu()!;
      const garde = (await derniersCourriels(p.deps.db))[0]!;
      expect(`${garde.sujet}${garde.texte}${garde.html}${garde.donnees}`).not.toContain(jeton);
      expect(JSON.stringify(await p.deps.db.select().from(tables(p.deps.db).liensEspace))).not.toContain(jeton);
    });

    it('ouvre une session une seule fois ; un second usage du lien n’ouvre rien', async () => {
      const dossier = await p.unDossier();
      await demanderLien(p.deps, { email: 'lea.martin@exemple.fr' });
      await envoyer();
      const jeton = jetonRecu()!;
      const session = await ouvrirSession(p.deps, jeton);
      expect(session).toBeDefined();
      expect((await lireSessionEspace(p.deps, session!.jeton))?.dossierId).toBe(dossier.id);
      expect(await ouvrirSession(p.deps, jeton)).toBeUndefined();
    });

    it('n’ouvre rien avec un lien expiré (30 minutes après l’envoi) ; la session expire après 30 minutes', async () => {
      await p.unDossier();
      await demanderLien(p.deps, { email: 'lea.martin@exemple.fr' });
      await envoyer();
      p.horloge.aller('2026-12-05T10:30:01Z');
      expect(await ouvrirSession(p.deps, jetonRecu()!)).toBeUndefined();
      p.horloge.aller('2026-12-05T10:31:00Z');
      await demanderLien(p.deps, { email: 'lea.martin@exemple.fr' });
      await envoyer();
      const session = await ouvrirSession(p.deps, jetonRecu()!);
      p.horloge.aller('2026-12-05T11:01:01Z');
      expect(await lireSessionEspace(p.deps, session!.jeton)).toBeUndefined();
    });

    it('n’envoie qu’un lien par minute et par dossier, et refuse une adresse mal formée (SAISIE_INVALIDE)', async () => {
      await p.unDossier();
      await demanderLien(p.deps, { email: 'lea.martin@exemple.fr' });
      await demanderLien(p.deps, { email: 'lea.martin@exemple.fr' });
      expect(await derniersCourriels(p.deps.db)).toHaveLength(1);
      expect(await demanderLien(p.deps, { email: 'pas-une-adresse' })).toMatchObject({
        ok: false,
        erreur: 'SAISIE_INVALIDE',
        erreurs: [{ champ: 'email' }],
      });
    });
  });

  describe('ce que montre l’espace', () => {
    it('dit l’étape et l’échéance en mots simples, le référent, l’historique sans les notes privées, et les données gardées', async () => {
      const dossier = await p.unDossier();
      const r = await engager(p.deps, p.conseiller, dossier.id, { uo: '21', date: '2026-12-01', referentId: p.autreConseiller.id });
      if (!r.ok) throw new Error(r.erreur);
      await ajouterInteraction(p.deps, p.conseiller, r.uo.id, {
        date: '2026-12-02',
        mode: 'visio',
        dureeMinutes: 60,
        note: 'Note privée à ne pas montrer',
      });
      const vue = (await lireEspace(p.deps, dossier.id))!;
      expect(vue.etape).toBe(
        'Vous êtes accompagné pour la construction de votre projet, depuis le mardi 1 décembre 2026. Cette étape se termine au plus tard le mardi 1 juin 2027.',
      );
      expect(vue.referent?.nom).toBe('Dominique Appui');
      expect(vue.historique).toEqual([
        { date: '2026-12-01', texte: 'Début : UO 2.1 – appui à la formalisation du projet' },
        { date: '2026-12-02', texte: 'Échange : Visioconférence' },
      ]);
      expect(JSON.stringify(vue)).not.toContain('Note privée');
      expect(vue.donnees.find((d) => d.champ === 'niveauFormation')?.pourquoi).toContain('formations');
      expect(vue.peutClore).toBe(false);
    });
  });

  describe('« Dites-le nous une fois » : les données de l’UO 1', () => {
    it('la personne remplit, le conseiller complète ; chaque champ garde qui l’a saisi, l’audit ne garde que les noms des champs', async () => {
      const dossier = await p.unDossier();
      expect(
        await renseignerDonneesUo1(p.deps, 'beneficiaire', dossier.id, {
          sexe: 'F',
          niveauFormation: '4',
          libelleProfession: 'Préparatrice de commandes',
          secteurActivite: '',
        }),
      ).toEqual({ ok: true });
      expect(await renseignerDonneesUo1(p.deps, p.conseiller, dossier.id, { secteurActivite: 'H', entreeEntreprise: '2018-09' })).toEqual({
        ok: true,
      });
      const relu = (await depotParcours(p.deps.db).dossier(dossier.id))!;
      const vue = (await lireEspace(p.deps, dossier.id))!.donnees;
      expect(vue.find((c) => c.champ === 'secteurActivite')).toMatchObject({
        valeur: 'H',
        valeurLisible: 'Transports et entreposage',
        saisiPar: 'conseiller',
      });
      expect(vue.find((c) => c.champ === 'sexe')).toMatchObject({ valeurLisible: 'Femme', saisiPar: 'beneficiaire' });
      expect(champsManquants(p.deps, relu)).toEqual([
        'adresseNumeroVoie',
        'adresseTypeVoie',
        'adresseNomVoie',
        'adresseCodePostal',
        'adresseCommune',
        'tailleEntreprise',
        'categorieSociale',
      ]);
      expect((await auditSur(p.deps, 'parcours.donnees')).map((l) => l.details)).toEqual([
        JSON.stringify({ champs: ['sexe', 'niveauFormation', 'libelleProfession'] }),
        JSON.stringify({ champs: ['secteurActivite', 'entreeEntreprise'] }),
      ]);
    });

    it('refuse un code hors des tables de référence, un mois mal écrit et un champ inconnu, sans rien écrire', async () => {
      const dossier = await p.unDossier();
      const r = await renseignerDonneesUo1(p.deps, 'beneficiaire', dossier.id, {
        sexe: '__proto__',
        entreeEntreprise: '2018-13',
        inconnu: 'x',
      });
      expect(r).toMatchObject({ ok: false, erreur: 'SAISIE_INVALIDE' });
      expect(!r.ok && r.erreurs?.map((e) => e.champ).sort()).toEqual(['entreeEntreprise', 'requete', 'sexe']);
      expect((await depotParcours(p.deps.db).dossier(dossier.id))?.donnees).toBe('{}');
    });
  });

  describe('les demandes de la personne depuis son espace', () => {
    it('clôt son UO 2.2 par son souhait écrit ; sans UO 2.2 en cours, rien à clore (AUCUNE_UO22_OUVERTE)', async () => {
      const dossier = await p.unDossier();
      expect(await cloreParSouhaitEcrit(p.deps, dossier.id, { texte: 'Je souhaite clore mon accompagnement.' })).toEqual({
        ok: false,
        erreur: 'AUCUNE_UO22_OUVERTE',
      });
      const uo21 = await engager(p.deps, p.conseiller, dossier.id, { uo: '21', date: '2026-06-01', referentId: p.conseiller.id });
      if (!uo21.ok) throw new Error(uo21.erreur);
      await executer(
        p.deps.db,
        sql`update unites_oeuvre set statut = 'close', motif_cloture = 'livrable-signe', date_cloture = '2026-07-01' where id = ${uo21.uo.id}`,
      );
      const uo22 = await engager(p.deps, p.conseiller, dossier.id, { uo: '22', date: '2026-07-02' });
      if (!uo22.ok) throw new Error(uo22.erreur);
      expect((await lireEspace(p.deps, dossier.id))?.peutClore).toBe(true);
      expect(await cloreParSouhaitEcrit(p.deps, dossier.id, { texte: 'ok' })).toMatchObject({ ok: false, erreur: 'SAISIE_INVALIDE' });
      expect(
        await cloreParSouhaitEcrit(p.deps, dossier.id, { texte: 'J’ai retrouvé un emploi, je souhaite clore mon accompagnement.' }),
      ).toEqual({
        ok: true,
      });
      expect(await depotParcours(p.deps.db).uo(uo22.uo.id)).toMatchObject({
        statut: 'close',
        motifCloture: 'souhait-ecrit',
        dateCloture: '2026-12-05',
        raisonCloture: 'J’ai retrouvé un emploi, je souhaite clore mon accompagnement.',
      });
      expect((await auditSur(p.deps, 'parcours.cloture')).at(-1)?.acteur).toBe('beneficiaire');
    });

    it('met à jour ses coordonnées ; refuse un téléphone invalide', async () => {
      const dossier = await p.unDossier();
      expect(await modifierCoordonnees(p.deps, dossier.id, { telephone: '07 00 00 00 01' })).toEqual({ ok: true });
      expect((await depotParcours(p.deps.db).dossier(dossier.id))?.telephone).toBe('07 00 00 00 01');
      expect(await modifierCoordonnees(p.deps, dossier.id, { telephone: 'abc' })).toMatchObject({
        ok: false,
        erreur: 'SAISIE_INVALIDE',
        erreurs: [{ champ: 'telephone' }],
      });
    });

    it('demande une copie ou l’effacement de ses données : le contact données personnelles reçoit la demande avec le numéro de dossier', async () => {
      const dossier = await p.unDossier();
      expect(await demanderDroits(p.deps, dossier.id, 'effacement')).toEqual({ ok: true });
      await envoyer();
      expect(smtp.recus[0]).toMatchObject({
        a: ['dpo@exemple.invalid'],
        sujet: `Demande d’effacement des données – dossier ${dossier.identifiant}`,
      });
    });
  });
});
