import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type SQL } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lignes } from '../../db/moteur.ts';
import { schemaManifesteMoyens } from '../../server/moyens/fichiers.ts';
import { pageMoyens } from '../../server/moyens/page.ts';
import { rappelMoyens } from '../../server/moyens/rappel.ts';
import { schemaLigneMoyens, type Saisie } from '../../server/moyens/schema.ts';
import { deposerMoyens, enregistrerMoyens, rouvrirMoyens, saisieInitiale, validerSaisie } from '../../server/moyens/service.ts';
import { lireCible } from '../../server/transmission/cible.ts';
import { depotTransmissions } from '../../server/transmission/repository.ts';
import { lireCsv } from '../fixtures/export.ts';
import { unServeurFtpsPourCeBloc } from '../fixtures/ftps-bloc.ts';
import { desCertificats, unServeurFtps } from '../fixtures/ftps.ts';
import { MOTEURS } from '../fixtures/deux-moteurs.ts';
import { uneAppAvecComptesSur, type AppAvecComptes } from '../fixtures/responsables.ts';

const REPRISES = { tentatives: 2, attenteMs: 10, delaiMs: 10_000 };

/** Une saisie complète et valide, telle qu'un responsable la tape (virgules, espaces de milliers). */
function uneSaisie(surcharges: Partial<Saisie['scalaires']> = {}, autres: Partial<Omit<Saisie, 'scalaires'>> = {}): Saisie {
  return {
    scalaires: {
      etpUo00: '1,5',
      etpUo01: '4',
      etpUo21: '3,25',
      etpUo22: '0',
      coutJourEtpUo00: '380',
      coutJourEtpUo01: '412,50',
      coutJourEtpUo21: '412.5',
      coutJourEtpUo22: '0',
      masseSalariale: '245 000',
      fraisImmobiliers: '36 000,00',
      fraisLogicielsSi: '12 500',
      fraisPromotion: '4 000',
      fraisPartenariats: '1 500',
      autresFrais: '0',
      ...surcharges,
    },
    implantations: [
      { nom: 'Paris 11e', codePostal: '75011', effectif: '6' },
      { nom: 'Saint-Denis', codePostal: '93200', effectif: '3' },
      { nom: '', codePostal: '', effectif: '' },
    ],
    autresPoints: '75020, 93100',
    ...autres,
  };
}

describe.each(MOTEURS)('les moyens et coûts du semestre sur %s', (moteur) => {
  let p: AppAvecComptes;
  let dossier: string;
  beforeEach(async () => {
    // Dimanche 6 décembre 2026 à Paris.
    p = await uneAppAvecComptesSur(moteur, '2026-12-06T08:00:00Z');
    dossier = mkdtempSync(join(tmpdir(), 'moyens-'));
  });
  afterEach(async () => {
    await p.fermer();
    rmSync(dossier, { recursive: true, force: true });
  });
  const audit = (requete: SQL) => lignes(p.deps.db, requete);

  describe('la saisie des moyens et des coûts', () => {
    it('accepte la virgule décimale, le point et les espaces de milliers, et ignore une ligne d’implantation vide', () => {
      const r = validerSaisie(uneSaisie());
      expect(r).toMatchObject({
        ok: true,
        releve: {
          etpUo00: 1.5,
          etpUo21: 3.25,
          coutJourEtpUo01: 412.5,
          coutJourEtpUo21: 412.5,
          masseSalariale: 245_000,
          fraisImmobiliers: 36_000,
        },
      });
      expect(r.ok && r.releve.implantations).toEqual([
        { nom: 'Paris 11e', codePostal: '75011', effectif: 6 },
        { nom: 'Saint-Denis', codePostal: '93200', effectif: 3 },
      ]);
      expect(r.ok && r.releve.autresPoints).toEqual(['75020', '93100']);
    });

    it('refuse un nombre négatif, un champ vide, trois décimales et un code postal à 4 chiffres, en français et champ par champ', () => {
      const r = validerSaisie(
        uneSaisie(
          { etpUo01: '-2', masseSalariale: '', fraisPromotion: '12,345' },
          {
            implantations: [
              { nom: 'Paris 11e', codePostal: '7501', effectif: '6' },
              { nom: '', codePostal: '', effectif: '' },
              { nom: 'Oubli', codePostal: '', effectif: '' },
            ],
          },
        ),
      );
      expect(r.ok).toBe(false);
      const erreurs = new Map(!r.ok ? r.erreurs.map((e) => [e.champ, e.message]) : []);
      expect(erreurs.get('etpUo01')).toBe(
        'ETP mobilisés en UO 1 : écrivez un nombre positif ou nul, au plus deux décimales, par exemple 2,5.',
      );
      expect(erreurs.get('masseSalariale')).toBe(
        'Masse salariale affectée à l’activité CEP (euros) : champ à remplir (0 s’il n’y en a pas).',
      );
      expect(erreurs.get('fraisPromotion')).toMatch(/au plus deux décimales/);
      expect(erreurs.get('implantations-0-codePostal')).toBe('Code postal de l’implantation : 5 chiffres, par exemple 75011.');
      // La troisième ligne du formulaire (la deuxième, vide, est ignorée) garde son rang dans le nom du champ.
      expect(erreurs.get('implantations-2-codePostal')).toMatch(/5 chiffres/);
      expect(erreurs.get('implantations-2-effectif')).toMatch(/champ à remplir/);
      expect(erreurs.has('implantations-1-nom')).toBe(false);
    });

    it('refuse un code postal mal écrit parmi les autres points d’accès', () => {
      const r = validerSaisie(uneSaisie({}, { autresPoints: '75020, 9310' }));
      expect(r).toMatchObject({
        ok: false,
        erreurs: [{ champ: 'autresPoints', message: expect.stringMatching(/codes à 5 chiffres/) as string }],
      });
    });

    it('prérempli les implantations avec les sites de la configuration : nom, code postal de l’adresse, sinon celui de la commune', () => {
      expect(saisieInitiale(p.deps).implantations).toEqual([
        { nom: "Site d'exemple – Paris 11e (démonstration)", codePostal: '75011', effectif: '' },
        { nom: "Site d'exemple – Saint-Denis (démonstration)", codePostal: '93200', effectif: '' },
      ]);
      const sansCodePostal = { ...p.deps.deploiement.sites[0]!, adresse: ['Mairie'], commune: '93066' };
      expect(
        saisieInitiale({ ...p.deps, deploiement: { ...p.deps.deploiement, sites: [sansCodePostal] } }).implantations[0]!.codePostal,
      ).toBe('93200');
    });

    it('n’enregistre rien pour un conseiller, et enregistre pour un responsable avec une ligne au journal d’audit', async () => {
      expect(await enregistrerMoyens(p.deps, p.conseiller, '2026-S2', uneSaisie())).toEqual({
        ok: false,
        erreur: 'RESERVE_AUX_RESPONSABLES',
      });
      const r = await enregistrerMoyens(p.deps, p.manager, '2026-S2', uneSaisie());
      expect(r).toMatchObject({ ok: true, releve: { semestre: '2026-S2', version: 1, deposeLe: null, saisiPar: p.manager.id } });
      expect(await audit(sql`select acteur, action, cible, details from journal_audit where action like 'moyens.%'`)).toEqual([{ acteur: `compte:${p.manager.id}`, action: 'moyens.enregistrement', cible: '2026-S2', details: null }]);
    });

    it('refuse un semestre qui n’a pas encore commencé', async () => {
      expect(await enregistrerMoyens(p.deps, p.manager, '2027-S1', uneSaisie())).toEqual({ ok: false, erreur: 'SEMESTRE_FUTUR' });
      expect((await enregistrerMoyens(p.deps, p.manager, '2026-S2', uneSaisie())).ok).toBe(true);
    });

    it('une saisie invalide ne modifie pas le relevé déjà enregistré', async () => {
      await enregistrerMoyens(p.deps, p.manager, '2026-S2', uneSaisie());
      expect(await enregistrerMoyens(p.deps, p.manager, '2026-S2', uneSaisie({ etpUo00: 'beaucoup' }))).toMatchObject({
        ok: false,
        erreur: 'SAISIE_INVALIDE',
      });
      expect((await lignes<{ releve: string }>(p.deps.db, sql`select releve from moyens_semestriels`))[0]!.releve).toContain('"etpUo00":1.5');
    });
  });

  describe('sans point d’échange configuré', () => {
    it('écrit le fichier et son manifeste sans rien déposer ; le relevé reste modifiable', async () => {
      await enregistrerMoyens(p.deps, p.manager, '2026-S1', uneSaisie());
      const r = await deposerMoyens(p.deps, { semestre: '2026-S1', dossier, acteur: 'systeme' });
      expect(r).toMatchObject({ ok: true, etat: 'ecrit', version: 1 });
      expect(existsSync(join(dossier, 'cep-01-2026-S1-moyens.csv'))).toBe(true);
      expect((await enregistrerMoyens(p.deps, p.manager, '2026-S1', uneSaisie({ etpUo22: '1' }))).ok).toBe(true);
    });

    it('refuse de déposer un semestre jamais enregistré', async () => {
      expect(await deposerMoyens(p.deps, { semestre: '2025-S2', dossier, acteur: 'systeme' })).toEqual({
        ok: false,
        erreur: 'RELEVE_ABSENT',
      });
    });
  });

  describe('le dépôt sur le serveur FTPS de test', () => {
    const ftps = unServeurFtpsPourCeBloc();
    const cible = () => lireCible(ftps.serveur.url(), ftps.certificats.cheminCa);

    it('dépose le CSV et son manifeste, relus contre leurs schémas et leurs empreintes, puis met le relevé en lecture seule', async () => {
      await enregistrerMoyens(p.deps, p.manager, '2026-S2', uneSaisie());
      const r = await deposerMoyens(p.deps, {
        semestre: '2026-S2',
        dossier,
        cible: cible(),
        acteur: `compte:${p.manager.id}`,
        reprises: REPRISES,
      });
      expect(r).toMatchObject({ ok: true, etat: 'depose', version: 1 });

      const lignes = lireCsv(join(ftps.serveur.entrant, 'cep-01-2026-S2-moyens.csv'));
      expect(lignes).toHaveLength(1);
      expect(schemaLigneMoyens.parse(lignes[0])).toEqual({
        semestre: '2026-S2',
        operateur: '01',
        version: '1',
        date: '2026-12-06',
        heure: '09:00:00',
        horodatage: '2026-12-06T08:00:00.000Z',
        etpUo00: '1,5',
        etpUo01: '4',
        etpUo21: '3,25',
        etpUo22: '0',
        nombreImplantations: '2',
        effectifsImplantations: '6|3',
        codesPostauxImplantations: '75011|93200',
        codesPostauxAutresPoints: '75020|93100',
        coutJourEtpUo00: '380',
        coutJourEtpUo01: '412,5',
        coutJourEtpUo21: '412,5',
        coutJourEtpUo22: '0',
        masseSalariale: '245000',
        fraisImmobiliers: '36000',
        fraisLogicielsSi: '12500',
        fraisPromotion: '4000',
        fraisPartenariats: '1500',
        autresFrais: '0',
      });
      // Les colonnes, dans l'ordre documenté par le README.
      expect(readFileSync(join(ftps.serveur.entrant, 'cep-01-2026-S2-moyens.csv'), 'utf8').split('\n')[0]).toBe(
        Object.keys(schemaLigneMoyens.shape).join(';'),
      );

      const manifeste = schemaManifesteMoyens.parse(
        JSON.parse(readFileSync(join(ftps.serveur.entrant, 'cep-01-2026-S2-moyens-manifeste.json'), 'utf8')),
      );
      const csv = readFileSync(join(ftps.serveur.entrant, 'cep-01-2026-S2-moyens.csv'));
      expect(manifeste).toMatchObject({ semestre: '2026-S2', operateur: '01', version: 1 });
      expect(manifeste.fichiers).toEqual([
        { nom: 'cep-01-2026-S2-moyens.csv', octets: csv.length, sha256: createHash('sha256').update(csv).digest('hex'), enregistrements: 1 },
      ]);

      const [depot] = await depotTransmissions(p.deps.db).derniers(1);
      expect(depot).toMatchObject({ genre: 'moyens', periode: '2026-S2', statut: 'reussi' });
      expect(depot!.fichiers.map((f) => f.nom)).toEqual(['cep-01-2026-S2-moyens.csv', 'cep-01-2026-S2-moyens-manifeste.json']);

      expect(await enregistrerMoyens(p.deps, p.manager, '2026-S2', uneSaisie({ etpUo00: '9' }))).toEqual({
        ok: false,
        erreur: 'DEJA_DEPOSE',
      });
      expect(await deposerMoyens(p.deps, { semestre: '2026-S2', dossier, cible: cible(), acteur: 'systeme' })).toMatchObject({
        ok: true,
        etat: 'deja-depose',
      });
    });

    it('une correction rouvre le relevé, tracée, et se dépose comme version 2', async () => {
      await enregistrerMoyens(p.deps, p.manager, '2026-S2', uneSaisie());
      await deposerMoyens(p.deps, { semestre: '2026-S2', dossier, cible: cible(), acteur: 'systeme', reprises: REPRISES });
      expect(await rouvrirMoyens(p.deps, p.conseiller, '2026-S2')).toEqual({ ok: false, erreur: 'RESERVE_AUX_RESPONSABLES' });
      expect(await rouvrirMoyens(p.deps, p.manager, '2026-S2')).toEqual({ ok: true, version: 2 });
      expect(await rouvrirMoyens(p.deps, p.manager, '2026-S2')).toEqual({ ok: false, erreur: 'PAS_ENCORE_DEPOSE' });
      expect((await enregistrerMoyens(p.deps, p.manager, '2026-S2', uneSaisie({ etpUo22: '2' }))).ok).toBe(true);
      expect(
        await deposerMoyens(p.deps, { semestre: '2026-S2', dossier, cible: cible(), acteur: `compte:${p.manager.id}`, reprises: REPRISES }),
      ).toMatchObject({
        ok: true,
        etat: 'depose',
        version: 2,
      });
      expect(lireCsv(join(ftps.serveur.entrant, 'cep-01-2026-S2-moyens.csv'))[0]).toMatchObject({ version: '2', etpUo22: '2' });
      const actions = await audit(sql`select action, details from journal_audit where action like 'moyens.%' order by id`);
      expect(actions).toEqual([
        { action: 'moyens.enregistrement', details: null },
        { action: 'moyens.depot', details: '{"version":1,"fichiers":2}' },
        { action: 'moyens.correction', details: '{"versionDeposee":1,"version":2}' },
        { action: 'moyens.enregistrement', details: null },
        { action: 'moyens.depot', details: '{"version":2,"fichiers":2}' },
      ]);
    });

    it('ne lance pas un second dépôt du semestre pendant qu’un autre est en cours, et n’écrit rien', async () => {
      await enregistrerMoyens(p.deps, p.manager, '2026-S2', uneSaisie());
      await depotTransmissions(p.deps.db).commencer('moyens', '2026-S2', p.deps.maintenant().toISOString(), []);
      const r = await deposerMoyens(p.deps, { semestre: '2026-S2', dossier, cible: cible(), acteur: 'systeme', reprises: REPRISES });
      expect(r).toMatchObject({ ok: false, erreur: 'DEPOT_EN_COURS' });
      expect(existsSync(join(dossier, 'cep-01-2026-S2-moyens.csv'))).toBe(false);
      expect((await enregistrerMoyens(p.deps, p.manager, '2026-S2', uneSaisie())).ok).toBe(true);
    });

    it('un dépôt refusé (mauvais mot de passe) est enregistré en échec, dit pourquoi, et laisse le relevé modifiable', async () => {
      await enregistrerMoyens(p.deps, p.manager, '2026-S2', uneSaisie());
      const r = await deposerMoyens(p.deps, {
        semestre: '2026-S2',
        dossier,
        cible: lireCible(ftps.serveur.url('faux'), ftps.certificats.cheminCa),
        acteur: 'systeme',
        reprises: REPRISES,
      });
      expect(r).toMatchObject({
        ok: false,
        erreur: 'DEPOT_ECHOUE',
        message: expect.stringMatching(/refuse l’identifiant ou le mot de passe/) as string,
      });
      expect((await depotTransmissions(p.deps.db).derniers(1))[0]).toMatchObject({ genre: 'moyens', statut: 'echec' });
      expect((await enregistrerMoyens(p.deps, p.manager, '2026-S2', uneSaisie())).ok).toBe(true);
    });

    it('depuis la page : « Déposer » enregistre puis dépose, et redirige vers le semestre', async () => {
      const deps = { ...p.deps, transmission: { dossier, cible: cible() } };
      const vue = await pageMoyens(deps, p.manager, new URL('http://x/espace-conseiller/moyens'), unEnvoi('deposer', '2026-S1'));
      expect(vue.redirection).toBe('/espace-conseiller/moyens?semestre=2026-S1&fait=depose');
      const apres = await pageMoyens(deps, p.manager, new URL('http://x/espace-conseiller/moyens?semestre=2026-S1&fait=depose'), undefined);
      expect(apres).toMatchObject({ lectureSeule: true, version: 1, fait: expect.stringMatching(/déposé/) as string });
    });
  });

  /** Le formulaire de la page, rempli avec une saisie, tel que la porte le rend. */
  function unEnvoi(action: string, semestre: string, s: Saisie = uneSaisie()) {
    const champs = new FormData();
    champs.set('semestre', semestre);
    champs.set('action', action);
    for (const [cle, valeur] of Object.entries(s.scalaires)) champs.set(cle, valeur);
    s.implantations.forEach((l, i) => Object.entries(l).forEach(([cle, valeur]) => champs.set(`implantations-${i}-${cle}`, valeur)));
    champs.set('autresPoints', s.autresPoints);
    return { ok: true as const, corps: { type: 'formulaire' as const, champs, fichiers: [], tropDeFichiers: false } };
  }

  describe('la page, sans point d’échange configuré', () => {
    it('« Déposer » enregistre le relevé, puis dit (409) que le dépôt n’est pas configuré, sans le verrouiller', async () => {
      const vue = await pageMoyens(p.deps, p.manager, new URL('http://x/espace-conseiller/moyens'), unEnvoi('deposer', '2026-S1'));
      expect(vue.redirection).toBeUndefined();
      expect(vue.echec).toMatchObject({
        statut: 409,
        erreurs: [{ champ: 'requete', message: expect.stringMatching(/TRANSMISSION_URL/) as string }],
      });
      expect(vue).toMatchObject({ lectureSeule: false, etat: expect.stringMatching(/pas encore déposée/) as string });
    });

    it('une saisie invalide revient avec ses erreurs (400) et les valeurs tapées', async () => {
      const vue = await pageMoyens(
        p.deps,
        p.manager,
        new URL('http://x/espace-conseiller/moyens'),
        unEnvoi('enregistrer', '2026-S1', uneSaisie({ etpUo01: '3,5 ETP' })),
      );
      expect(vue.echec).toMatchObject({ statut: 400, erreurs: [{ champ: 'etpUo01' }] });
      expect(vue.saisie.scalaires.etpUo01).toBe('3,5 ETP');
      expect(vue.saisie.implantations).toHaveLength(4);
    });

    it('refuse une action inconnue', async () => {
      const vue = await pageMoyens(p.deps, p.manager, new URL('http://x/espace-conseiller/moyens'), unEnvoi('effacer', '2026-S1'));
      expect(vue.echec).toMatchObject({ statut: 400, erreurs: [{ message: expect.stringMatching(/Action inconnue/) as string }] });
    });
  });

  describe('la page, sans envoi', () => {
    it('propose par défaut le semestre précédent, prérempli, avec deux lignes pour ajouter une implantation', async () => {
      const vue = await pageMoyens(p.deps, p.manager, new URL('http://x/espace-conseiller/moyens'), undefined);
      expect(vue).toMatchObject({
        autorise: true,
        semestre: '2026-S1',
        libelle: '1er semestre 2026',
        semestres: ['2026-S1', '2026-S2'],
        lectureSeule: false,
      });
      expect(vue.saisie.implantations.map((l) => l.codePostal)).toEqual(['75011', '93200', '', '']);
    });

    it('dit en français qu’un semestre mal écrit n’existe pas', async () => {
      const vue = await pageMoyens(p.deps, p.manager, new URL('http://x/espace-conseiller/moyens?semestre=2026-S3'), undefined);
      expect(vue.echec).toMatchObject({ statut: 400, erreurs: [{ champ: 'semestre', message: expect.stringMatching(/AAAA-S1/) as string }] });
    });

    it('refuse un conseiller', async () => {
      expect(await pageMoyens(p.deps, p.conseiller, new URL('http://x/espace-conseiller/moyens'), undefined)).toMatchObject({
        autorise: false,
      });
    });
  });

  describe('le rappel aux responsables', () => {
    it('apparaît après le 15 du mois qui suit le semestre, tant que le semestre n’est pas déposé, et jamais pour un conseiller', async () => {
      p.horloge.aller('2027-01-15T12:00:00Z');
      expect(await rappelMoyens(p.deps, p.manager)).toBeUndefined();
      p.horloge.aller('2027-01-16T08:00:00Z');
      expect(await rappelMoyens(p.deps, p.manager)).toEqual({
        semestre: '2026-S2',
        texte: 'Les moyens et les coûts du 2e semestre 2026 ne sont pas encore déposés à France compétences.',
      });
      expect(await rappelMoyens(p.deps, p.conseiller)).toBeUndefined();
      p.horloge.aller('2027-03-01T08:00:00Z');
      expect((await rappelMoyens(p.deps, p.manager))?.semestre).toBe('2026-S2');

      const certificats = desCertificats();
      const serveur = await unServeurFtps(certificats);
      try {
        await enregistrerMoyens(p.deps, p.manager, '2026-S2', uneSaisie());
        await deposerMoyens(p.deps, {
          semestre: '2026-S2',
          dossier,
          cible: lireCible(serveur.url(), certificats.cheminCa),
          acteur: 'systeme',
          reprises: REPRISES,
        });
      } finally {
        await serveur.arreter();
      }
      expect(await rappelMoyens(p.deps, p.manager)).toBeUndefined();
    });
  });
});
