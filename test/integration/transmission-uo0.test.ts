import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { executer, lignes } from '../../db/moteur.ts';
import { lignesBeneficiaires } from '../../server/export/lignes-beneficiaires.ts';
import { lignesUo } from '../../server/export/lignes-uo.ts';
import { compterDuJour, exporterJour } from '../../server/export/quotidien.ts';
import { schemaBeneficiaire, schemaUo } from '../../server/export/schemas.ts';
import { effacerIdentites, identitesAnterieures } from '../../server/orientation-guichet/repository.ts';
import { orienterAuGuichet } from '../../server/orientation-guichet/service.ts';
import { orienter } from '../../server/orientation/service.ts';
import { ouvrirDossier } from '../../server/parcours/dossiers.ts';
import { uneAppDeTestSur, type AppDeTest } from '../fixtures/app.ts';
import { MOTEURS } from '../fixtures/deux-moteurs.ts';
import { lireCsv, toutes } from '../fixtures/export.ts';
import { posterDemande, uneDemandeDeRendezVous } from '../fixtures/rendez-vous.ts';

// Samedi 5 décembre 2026, 11 h à Paris.
const JOUR = '2026-12-05';
describe.each(MOTEURS)('la transmission de l’UO 0 (%s)', (moteur) => {
  let horloge = new Date('2026-12-05T10:00:00Z');
  let app: AppDeTest;
  beforeEach(async () => {
    horloge = new Date('2026-12-05T10:00:00Z');
    app = await uneAppDeTestSur(moteur, { surcharges: { maintenant: () => horloge } });
  });
  afterEach(() => app?.fermer());

  const CONSEILLER = { id: 7 };
  const AU_GUICHET = { modeContact: 'presentiel', situation: 'salarie_prive', communeResidence: '75111' };
  const uo0 = async () => (await toutes(lignesUo(app.deps.db, JOUR))).filter((l) => l.uo === '00').map((l) => schemaUo.parse(l));
  const beneficiaires = async () =>
    (await toutes(lignesBeneficiaires(app.deps.db, JOUR, () => undefined))).map((l) => schemaBeneficiaire.parse(l));

  async function auGuichet(identite: Record<string, string>) {
    const r = await orienterAuGuichet(app.deps, CONSEILLER, { ...AU_GUICHET, ...identite });
    if (!r.ok) throw new Error(JSON.stringify(r));
    return r.identifiant;
  }

  describe('l’identité de l’UO 0 dans les fichiers du jour', () => {
    it('une orientation au guichet avec identité part sous un numéro national d’UO 0, et sa ligne bénéficiaire porte nom, prénom et date de naissance', async () => {
      await auGuichet({ nom: 'Benali', prenom: 'Sofia', dateNaissance: '1990-03-17' });
      const [ligne] = await uo0();
      expect(ligne).toMatchObject({ modesContact: 'presentiel', numeroDossier: expect.stringMatching(/^01261200\d{6}$/) as string });
      expect(await beneficiaires()).toEqual([
        expect.objectContaining({
          identifiant: ligne!.numeroDossier,
          nom: 'Benali',
          prenom: 'Sofia',
          dateNaissance: '1990-03-17',
          statut: 'salarie_prive',
          // Rien de ce que l'annexe 2 ne demande qu'à partir de l'UO 1.
          email: null,
          telephone: null,
          structure: null,
          sexe: null,
        }),
      ]);
    });

    it('une identité donnée en partie part en partie ; sans identité, l’orientation au guichet reste anonyme', async () => {
      await auGuichet({ dateNaissance: '1985-01-02' });
      await auGuichet({});
      const [partielle, anonyme] = await uo0();
      expect(partielle!.numeroDossier).not.toBeNull();
      expect(anonyme!.numeroDossier).toBeNull();
      expect(await beneficiaires()).toEqual([
        expect.objectContaining({ identifiant: partielle!.numeroDossier, nom: null, prenom: null, dateNaissance: '1985-01-02' }),
      ]);
    });

    it('les numéros des orientations au guichet, des demandes et des dossiers viennent du même compteur : jamais deux fois le même', async () => {
      await auGuichet({ nom: 'Benali' });
      expect((await posterDemande(app.api, uneDemandeDeRendezVous({ rappel: true, modalite: 'telephone' }))).status).toBe(201);
      await auGuichet({ nom: 'Durand' });
      const numeros = (await uo0()).map((l) => l.numeroDossier);
      expect(numeros).toHaveLength(3);
      expect(new Set(numeros).size).toBe(3);
    });

    it('une orientation en ligne suivie d’une demande : l’orientation reste anonyme, la demande porte le numéro et l’identité donnée', async () => {
      await orienter(app.deps, { situation: 'salarie_prive', canal: 'chatbot', conversation: 'conversation-uo0-1' });
      horloge = new Date('2026-12-05T10:05:00Z');
      const r = await posterDemande(
        app.api,
        uneDemandeDeRendezVous({ rappel: true, modalite: 'telephone', origine: 'orientation', nom: 'Durand', prenom: 'Élise' }),
      );
      expect(r.status).toBe(201);
      const { reference } = (await r.json()) as { reference: string };
      expect(await uo0()).toEqual([
        expect.objectContaining({ modesContact: 'chatbot', numeroDossier: null, origine: 'individuelle' }),
        expect.objectContaining({ numeroDossier: reference, origine: 'orientation', modesContact: 'formulaire' }),
      ]);
      expect(await beneficiaires()).toEqual([expect.objectContaining({ identifiant: reference, nom: 'Durand', prenom: 'Élise' })]);
    });

    it('une identité purgée emporte son numéro : l’export refait du jour est anonyme, et rien ne part le jour de la purge', async () => {
      await auGuichet({ nom: 'Benali', prenom: 'Sofia', dateNaissance: '1990-03-17' });
      expect(await identitesAnterieures(app.deps.db, '2027-12-06T00:00:00.000Z').supprimer()).toBe(1);
      expect(await uo0()).toEqual([expect.objectContaining({ numeroDossier: null })]);
      expect(await beneficiaires()).toEqual([]);
      expect(await toutes(lignesBeneficiaires(app.deps.db, '2027-12-06', () => undefined))).toEqual([]);
    });

    it('une identité effacée à la demande de la personne garde son numéro et part le jour de l’effacement, nom et prénom « [effacé] » (RGPD art. 19)', async () => {
      const id = await auGuichet({ nom: 'Benali', prenom: 'Sofia', dateNaissance: '1990-03-17' });
      const numero = (await uo0())[0]!.numeroDossier;
      expect(await effacerIdentites(app.deps.db, [id], '2026-12-08T09:00:00.000Z')).toBe(1);
      expect(await uo0()).toEqual([expect.objectContaining({ numeroDossier: numero })]);
      // L'export refait du jour de l'orientation ne porte plus l'identité.
      expect(await beneficiaires()).toEqual([]);
      const effacement = (await toutes(lignesBeneficiaires(app.deps.db, '2026-12-08', () => undefined))).map((l) =>
        schemaBeneficiaire.parse(l),
      );
      expect(effacement).toEqual([
        expect.objectContaining({ identifiant: numero, date: '2026-12-08', nom: '[effacé]', prenom: '[effacé]', dateNaissance: null }),
      ]);
      expect((await compterDuJour(app.deps.db, '2026-12-08')).beneficiaires).toBe(1);
    });

    it('une orientation au guichet sans numéro (aucune identité transmise) voit son identité supprimée par l’effacement', async () => {
      const id = await auGuichet({ nom: 'Benali', prenom: 'Sofia' });
      expect(await executer(app.deps.db, sql`update orientation_identites set numero_dossier = null where orientation_id = ${id}`)).toBe(1);
      expect(await effacerIdentites(app.deps.db, [id], '2026-12-08T09:00:00.000Z')).toBe(1);
      const [reste] = await lignes<{ n: number | string }>(app.deps.db, sql`select count(*) as n from orientation_identites`);
      expect(Number(reste!.n)).toBe(0);
    });

    it('le fichier des bénéficiaires et le manifeste comptent l’orientation au guichet', async () => {
      await auGuichet({ nom: 'Benali', prenom: 'Sofia' });
      const dossier = mkdtempSync(join(tmpdir(), 'transmission-uo0-'));
      try {
        const manifeste = await exporterJour(app.deps.db, {
          date: JOUR,
          dossier,
          deploiement: app.deps.deploiement,
          maintenant: app.deps.maintenant,
        });
        expect(manifeste.tables.find((t) => t.table === 'beneficiaires')).toMatchObject({ enregistrements: 1 });
        expect(lireCsv(join(dossier, `cep-01-${JOUR}-beneficiaires.csv`))).toEqual([
          expect.objectContaining({ nom: 'Benali', prenom: 'Sofia', dateNaissance: '' }),
        ]);
      } finally {
        rmSync(dossier, { recursive: true, force: true });
      }
    });
  });

  describe('le mode de contact de l’UO 0 d’un dossier ouvert par un conseiller', () => {
    const identite = { nom: 'Martin', prenom: 'Léa', email: 'lea.martin@exemple.fr', commune: '75111', statut: 'salarie_prive' };

    it('est celui que le conseiller a saisi à l’ouverture', async () => {
      expect((await ouvrirDossier(app.deps, CONSEILLER, { ...identite, modeContact: 'telephone' })).ok).toBe(true);
      expect(await uo0()).toEqual([
        expect.objectContaining({ aiguillage: 'rendez-vous-cep', modesContact: 'telephone', datesInteractions: JOUR }),
      ]);
    });

    it('est exigé, en français, sans rien écrire', async () => {
      expect(await ouvrirDossier(app.deps, CONSEILLER, identite)).toMatchObject({
        ok: false,
        erreur: 'SAISIE_INVALIDE',
        erreurs: [
          { champ: 'modeContact', message: 'Indiquez comment la personne a pris contact : à l’accueil, par téléphone ou par courriel.' },
        ],
      });
      expect(await uo0()).toEqual([]);
    });
  });
});
