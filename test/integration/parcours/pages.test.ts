import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tables } from '../../../db/moteur.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConseillerConnecte } from '../../../server/conseiller/service.ts';
import type { Passage } from '../../../server/http/porte.ts';
import { LIGNES_PAR_PAGE_FILE } from '../../../server/parcours/echeances.ts';
import { pageDossier, pageOuvrirDossier, pdfPourConseiller } from '../../../server/parcours/page-dossier.ts';
import { pageFileUo } from '../../../server/parcours/page-file.ts';
import { pageNouveauDossier } from '../../../server/parcours/page-nouveau-dossier.ts';
import { depotParcours } from '../../../server/parcours/repository.ts';
import { engager } from '../../../server/parcours/service.ts';
import { dossierTemporaire } from '../../../server/reclamations/pieces.ts';
import { auditSur, unParcoursDeTestSur, type ParcoursDeTest } from '../../fixtures/parcours.ts';
import { MOTEURS } from '../../fixtures/deux-moteurs.ts';

let p: ParcoursDeTest;
let moi: ConseillerConnecte;

/** Un formulaire reçu par la porte. */
const envoi = (champs: Record<string, string | string[]>): Passage => {
  const f = new FormData();
  for (const [k, v] of Object.entries(champs)) for (const x of [v].flat()) f.append(k, x);
  return { ok: true, corps: { type: 'formulaire', champs: f, fichiers: [], tropDeFichiers: false } };
};
const rien = new URLSearchParams();

describe.each(MOTEURS)('les pages du parcours (%s)', (moteur) => {
  beforeEach(async () => {
    p = await unParcoursDeTestSur(moteur, { maintenant: '2026-12-04T10:00:00Z' });
    const { id, identifiant, nomAffiche, role } = p.conseiller;
    moi = { id, identifiant, nomAffiche, role, jetonCsrf: 'x' };
  });
  afterEach(() => p.fermer());

  describe('la page des parcours à surveiller', () => {
    it('montre une page de la file avec les comptes de toute la file, et trace la consultation', async () => {
      for (let i = 0; i < LIGNES_PAR_PAGE_FILE + 2; i++) {
        const d = await p.unDossier({ email: `p${i}@exemple.fr` });
        await engager(p.deps, p.conseiller, d.id, { uo: '01', date: '2026-10-01' });
      }
      const premiere = await pageFileUo(p.deps, moi, rien);
      const seconde = await pageFileUo(p.deps, moi, new URLSearchParams('page=2'));
      expect([premiere.enRetard + premiere.aRisque, premiere.lignes.length, premiere.pages]).toEqual([
        LIGNES_PAR_PAGE_FILE + 2,
        LIGNES_PAR_PAGE_FILE,
        2,
      ]);
      expect(seconde.lignes).toHaveLength(2);
      expect(premiere.lienPage(2)).toBe('/espace-conseiller/parcours?page=2');
      expect(await auditSur(p.deps, 'parcours.file.consultation')).toHaveLength(2);
    });

    it('ne montre, avec « mes dossiers », que les UO dont le conseiller est le référent', async () => {
      const d = await p.unDossier();
      await engager(p.deps, p.conseiller, d.id, { uo: '21', date: '2026-06-10', referentId: p.autreConseiller.id });
      expect((await pageFileUo(p.deps, moi, new URLSearchParams('miennes=1'))).lignes).toHaveLength(0);
      expect((await pageFileUo(p.deps, moi, rien)).lignes).toHaveLength(1);
    });
  });

  describe('la fiche d’un dossier de parcours', () => {
    it('engage une UO 1 et redirige vers la fiche avec son message', async () => {
      const d = await p.unDossier();
      const vue = await pageDossier(p.deps, moi, String(d.id), rien, envoi({ action: 'engager', uo: '01', date: '2026-12-01' }));
      expect(vue.redirection).toBe(`/espace-conseiller/parcours/${d.id}?fait=engager`);
      const apres = await pageDossier(p.deps, moi, String(d.id), new URLSearchParams('fait=engager'), undefined);
      expect([apres.message, apres.dossier?.uos.map((u) => u.uo.uo)]).toEqual(['Unité d’œuvre engagée.', ['01']]);
    });

    it('refuse une UO 2.2 sans UO 2.1 : 409, l’erreur en français sur le champ « uo », rien d’écrit', async () => {
      const d = await p.unDossier();
      const vue = await pageDossier(p.deps, moi, String(d.id), rien, envoi({ action: 'engager', uo: '22', date: '2026-12-01' }));
      expect(vue.echec?.statut).toBe(409);
      expect(vue.actionEchouee).toBe('engager');
      expect(vue.echec?.erreurs.map((e) => e.champ)).toEqual(['uo']);
      expect(vue.echec?.erreurs[0]?.message).toContain('Engagez d’abord une UO 2.1');
      expect(vue.saisie.uo).toBe('22');
      expect(await depotParcours(p.deps.db).uosDuDossier(d.id)).toHaveLength(0);
    });

    it('refuse une date d’engagement future avec l’erreur sur le champ « date »', async () => {
      const d = await p.unDossier();
      const vue = await pageDossier(p.deps, moi, String(d.id), rien, envoi({ action: 'engager', uo: '01', date: '2027-01-10' }));
      expect(vue.echec?.erreurs[0]?.champ).toBe('date');
    });

    it('écrit l’état des lieux, le signe, et sert son PDF au conseiller (téléchargement tracé)', async () => {
      const d = await p.unDossier();
      const r = await engager(p.deps, p.conseiller, d.id, { uo: '01', date: '2026-12-01' });
      if (!r.ok) throw new Error(r.erreur);
      const texte = 'Un texte assez long pour la section.';
      const ecrit = await pageDossier(
        p.deps,
        moi,
        String(d.id),
        rien,
        envoi({
          action: 'livrable',
          type: 'etat-des-lieux',
          uoId: String(r.uo.id),
          analyseSituation: texte,
          informationsEchangees: texte,
          decision: 'poursuivre',
          operateur: 'Opérateur CEP',
          contenus: texte,
          objectifs: texte,
          modalites: texte,
        }),
      );
      expect(ecrit.redirection).toContain('fait=livrable');
      const livrable = (await depotParcours(p.deps.db).livrableDeUo(r.uo.id))!;
      expect(await pdfPourConseiller(p.deps, moi, `${livrable.id}.pdf`)).toMatchObject({ ok: false, echec: { statut: 409 } });
      const signe = await pageDossier(p.deps, moi, String(d.id), rien, envoi({ action: 'signer', livrableId: String(livrable.id) }));
      expect(signe.redirection).toContain('fait=signer');
      const pdf = await pdfPourConseiller(p.deps, moi, `${livrable.id}.pdf`);
      expect(pdf.ok && pdf.pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(await auditSur(p.deps, 'parcours.livrable.pdf')).toHaveLength(1);
    });

    it('enregistre la signature sur papier avec le scan reçu par la porte : l’UO est close, le scan installé', async () => {
      const { dossier: d, uo, livrable } = await p.unEtatDesLieuxSigneParLeConseiller();
      const scan = Buffer.from('%PDF-1.4\n% scan signé\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
      const dossier = dossierTemporaire(p.deps.dossierPiecesJointes);
      mkdirSync(dossier, { recursive: true });
      const chemin = join(dossier, 'scan-test');
      writeFileSync(chemin, scan);
      const f = new FormData();
      for (const [k, v] of Object.entries({ action: 'papier', livrableId: String(livrable.id), date: '2026-12-03' })) f.append(k, v);
      const fichier = {
        champ: 'scan',
        nomDonne: 'scan.pdf',
        chemin,
        taille: scan.length,
        tete: scan,
        empreinte: createHash('sha256').update(scan).digest('hex'),
        tropGros: false,
      };
      const vue = await pageDossier(p.deps, moi, String(d.id), rien, {
        ok: true,
        corps: { type: 'formulaire', champs: f, fichiers: [fichier], tropDeFichiers: false },
      });
      expect(vue.redirection).toContain('fait=papier');
      const signe = (await depotParcours(p.deps.db).livrable(livrable.id))!;
      expect([signe.statut, (await depotParcours(p.deps.db).uo(uo.id))?.motifCloture]).toEqual(['signe-papier', 'livrable-signe']);
      expect(existsSync(join(p.deps.dossierPiecesJointes, signe.scanChemin!))).toBe(true);
    });

    it('refuse la signature sur papier sans scan, avec l’erreur sur le champ du scan', async () => {
      const { dossier: d, livrable } = await p.unEtatDesLieuxSigneParLeConseiller();
      const vue = await pageDossier(
        p.deps,
        moi,
        String(d.id),
        rien,
        envoi({ action: 'papier', livrableId: String(livrable.id), date: '2026-12-03' }),
      );
      expect([vue.echec?.statut, vue.actionEchouee, vue.echec?.erreurs[0]?.champ]).toEqual([400, 'papier', 'scan']);
    });

    it('répond 404 pour un dossier inconnu', async () => {
      expect((await pageDossier(p.deps, moi, '999999', rien, undefined)).echec?.statut).toBe(404);
    });
  });

  describe('ouvrir ou retrouver un dossier', () => {
    it('retrouve un dossier par son numéro, espaces compris', async () => {
      const d = await p.unDossier();
      const numero = d.identifiant.replace(/(\d{4})/g, '$1 ');
      expect((await pageOuvrirDossier(p.deps, moi, envoi({ reference: numero }))).redirection).toBe(`/espace-conseiller/parcours/${d.id}`);
    });

    it('dit en français qu’aucun dossier ni demande ne porte un numéro inconnu (404 sur le champ)', async () => {
      const vue = await pageOuvrirDossier(p.deps, moi, envoi({ reference: '01261201999999' }));
      expect(vue.echec).toMatchObject({ statut: 404, erreurs: [{ champ: 'reference' }] });
    });
  });

  /** Le formulaire « Ouvrir un dossier sans demande » (personne sans adresse) ; `'-'` retire un champ. */
  const sansDemande = (surcharges: Record<string, string> = {}): Passage => {
    const champs: Record<string, string> = {
      nom: 'Bernard',
      prenom: 'Sami',
      email: '',
      sansCourriel: 'oui',
      telephone: '',
      commune: '93200',
      statut: 'salarie_prive',
      modeContact: 'presentiel',
      ...surcharges,
    };
    return envoi(Object.fromEntries(Object.entries(champs).filter(([, v]) => v !== '-')));
  };
  const nombreDeDossiers = () => p.deps.db.$count(tables(p.deps.db).dossiers);

  describe('la page « Ouvrir un dossier sans demande »', () => {
    it('ouvre le dossier d’une personne sans adresse (commune donnée par son code postal) et mène à sa fiche', async () => {
      const vue = await pageNouveauDossier(p.deps, moi, sansDemande());
      const dossier = await depotParcours(p.deps.db).dossier(1);
      expect(vue.redirection).toBe('/espace-conseiller/parcours/1');
      expect(dossier).toMatchObject({ email: null, telephone: null, commune: '93066', modeContact: 'presentiel' });
    });

    it('case non cochée et adresse vide : 400, l’erreur est sur l’adresse, la saisie est réaffichée, rien n’est créé', async () => {
      const vue = await pageNouveauDossier(p.deps, moi, sansDemande({ sansCourriel: '-', telephone: '06 12 34 56 78' }));
      expect(vue.echec).toEqual({
        statut: 400,
        erreurs: [
          { champ: 'email', message: 'Indiquez l’adresse électronique, ou cochez « La personne n’a pas d’adresse électronique ».' },
        ],
      });
      expect(vue.saisie).toMatchObject({
        nom: 'Bernard',
        sansCourriel: false,
        telephone: '06 12 34 56 78',
        commune: 'Saint-Denis (93)',
      });
      expect(await nombreDeDossiers()).toBe(0);
    });

    it('dit chaque champ à corriger, en français et dans l’ordre du formulaire, la commune une seule fois', async () => {
      const vue = await pageNouveauDossier(p.deps, moi, sansDemande({ nom: '', commune: 'Zzyzx', statut: '', modeContact: '-' }));
      expect(vue.echec?.erreurs.map((e) => e.champ)).toEqual(['nom', 'commune', 'statut', 'modeContact']);
      expect(vue.echec?.erreurs.find((e) => e.champ === 'commune')?.message).toBe(
        'Aucune commune ne s’appelle « Zzyzx ». Vérifiez l’orthographe ou tapez le code postal.',
      );
      expect(await nombreDeDossiers()).toBe(0);
    });

    it('une commune ambiguë (code postal de Paris 11e) propose les communes au choix ; la commune choisie ouvre le dossier', async () => {
      const vue = await pageNouveauDossier(p.deps, moi, sansDemande({ commune: '75011' }));
      expect(vue.echec?.erreurs).toEqual([
        { champ: 'commune', message: 'Plusieurs communes correspondent à « 75011 » : choisissez-la dans la liste.' },
      ]);
      expect(vue.choixCommunes?.map((c) => c.code)).toEqual(['75056', '75111']);
      expect(vue.choixCommunes?.[1]?.libelle).toBe('Paris 11e Arrondissement (75) – 75011');
      expect(await nombreDeDossiers()).toBe(0);
      const choisie = await pageNouveauDossier(p.deps, moi, sansDemande({ commune: '75011', communeCode: '75111' }));
      expect(choisie.redirection).toBe('/espace-conseiller/parcours/1');
      expect((await depotParcours(p.deps.db).dossier(1))?.commune).toBe('75111');
    });

    it('sans envoi, montre un formulaire vide, la case décochée', async () => {
      expect(await pageNouveauDossier(p.deps, moi, undefined)).toEqual({
        saisie: expect.objectContaining({ nom: '', sansCourriel: false }) as unknown,
      });
    });
  });
});
