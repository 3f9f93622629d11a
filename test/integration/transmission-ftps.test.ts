import { createHash } from 'node:crypto';
import { enTransaction } from '../../db/transaction.ts';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creerTransportSmtp, envoyerCourrielsDus } from '../../server/courriel/envoi.ts';
import { lireEnvironnement } from '../../server/env.ts';
import type { Manifeste } from '../../server/export/quotidien.ts';
import { schemaBeneficiaire, schemaReclamation, schemaUo } from '../../server/export/schemas.ts';
import { renseignerDonneesUo1 } from '../../server/parcours/donnees.ts';
import { redigerLivrable } from '../../server/parcours/livrables.ts';
import { ajouterInteraction, cloreDans, engager, renseignerUo2 } from '../../server/parcours/service.ts';
import { confirmerSignature, demanderCodeSignature, documentASigner, signerParLeConseiller } from '../../server/parcours/signature.ts';
import { deposerReclamation } from '../../server/reclamations/service.ts';
import { lireCible } from '../../server/transmission/cible.ts';
import { depotTransmissions } from '../../server/transmission/repository.ts';
import { deposerIndicateurs } from '../../server/transmission/indicateurs.ts';
import { exporterEtDeposer } from '../../server/transmission/service.ts';
import { lireCsv, lireJson, uneOrientation } from '../fixtures/export.ts';
import { desCertificats, unServeurFtps, type Certificats } from '../fixtures/ftps.ts';
import { unParcoursDeTest } from '../fixtures/parcours.ts';
import { uneReclamation } from '../fixtures/reclamations.ts';
import { demarrerSmtpDeTest } from '../fixtures/smtp.ts';

// Le jour déposé : samedi 5 décembre 2026 à Paris ; toutes les écritures ont lieu à 11 h (10 h UTC).
const JOUR = '2026-12-05';
const REPRISES = { tentatives: 3, attenteMs: 10, delaiMs: 10_000 };
let certificats: Certificats;
let smtp: Awaited<ReturnType<typeof demarrerSmtpDeTest>>;
const p = unParcoursDeTest({ maintenant: `${JOUR}T10:00:00Z` });
const numeros: Record<string, string> = {};

function ok<T extends { ok: boolean }>(r: T): Extract<T, { ok: true }> {
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r as Extract<T, { ok: true }>;
}

/** Une journée avec chaque sorte de ligne : UO 00 anonyme et nominative, UO 1 close par un livrable signé, UO 2.1, UO 2.2, réclamation. */
async function uneJourneeComplete() {
  await uneOrientation(p.deps.db, `${JOUR}T09:00:00Z`, { motif: 'projet' });
  // UO 1 : données de l'annexe 2 §1 (dont une profession qui commence comme une formule), une interaction, l'état des lieux signé.
  const lea = await p.unDossier();
  numeros.dossier = lea.identifiant;
  const uo1 = ok(await engager(p.deps, p.conseiller, lea.id, { uo: '01', date: JOUR, origine: 'individuelle', motifSollicitation: 'faire-le-point' })).uo;
  numeros.uo1 = uo1.numero;
  ok(
    await renseignerDonneesUo1(p.deps, p.conseiller, lea.id, {
      sexe: 'F',
      adresseNumeroVoie: '12',
      adresseTypeVoie: 'rue',
      adresseNomVoie: 'des Lilas',
      adresseCodePostal: '75011',
      adresseCommune: 'Paris',
      niveauFormation: 'sans-diplome',
      secteurActivite: 'H',
      tailleEntreprise: '0',
      categorieSociale: '1',
      libelleProfession: '=1+1 préparatrice de commandes',
      entreeEntreprise: '2018-09',
    }),
  );
  ok(await ajouterInteraction(p.deps, p.conseiller, uo1.id, { date: JOUR, mode: 'telephone', dureeMinutes: 45 }));
  const livrable = ok(
    await redigerLivrable(p.deps, p.conseiller, uo1.id, {
      analyseSituation: 'Salariée depuis 8 ans en logistique, souhaite évoluer vers un poste moins physique.',
      informationsEchangees: 'Présentation du CEP, du CPF et du projet de transition professionnelle.',
      decision: 'poursuivre',
      prochainesEtapes: { operateur: 'Avenir Actifs', contenus: 'Construire le projet', objectifs: 'Choisir un métier', modalites: 'Visio' },
    }),
  ).livrable;
  ok(await signerParLeConseiller(p.deps, p.conseiller, livrable.id));
  ok(await demanderCodeSignature(p.deps, lea.id, livrable.id));
  await envoyerCourrielsDus(p.deps, creerTransportSmtp(smtp.url));
  const code = /: (\d{6})/.exec(smtp.recus.filter((c) => c.sujet.startsWith('Votre code')).at(-1)?.texte ?? '')![1]!;
  const empreinte = ok(await documentASigner(p.deps, lea.id, livrable.id)).empreinte;
  ok(await confirmerSignature(p.deps, lea.id, livrable.id, { mention: 'lu et approuvé', code, empreinte }));

  // UO 2.1 puis UO 2.2 (après la clôture de l'UO 2.1), avec les données de l'UO 2.
  const marc = await p.unDossier({ nom: 'Petit', prenom: 'Marc', email: 'marc.petit@exemple.fr' });
  const uo21 = ok(await engager(p.deps, p.conseiller, marc.id, { uo: '21', date: JOUR, referentId: p.conseiller.id })).uo;
  numeros.uo21 = uo21.numero;
  ok(await renseignerUo2(p.deps, p.conseiller, uo21.id, { typesService: ['identification-competences', 'investigation-metiers'], autoPrescription: false }));
  await enTransaction(p.deps.db, (tx) => cloreDans(tx, uo21, { date: JOUR, motif: 'livrable-signe' }, p.conseiller, p.deps.maintenant().toISOString()));
  const uo22 = ok(await engager(p.deps, p.conseiller, marc.id, { uo: '22', date: JOUR })).uo;
  numeros.uo22 = uo22.numero;
  ok(
    await renseignerUo2(p.deps, p.conseiller, uo22.id, {
      descriptionService: 'Appui à la recherche de financement et suivi de l’entrée en formation.',
      prestationsComplementaires: ['formation'],
      financementsFormation: ['cpf'],
      decouvertesMetiers: ['pmsmp'],
      projetReconversionCpir: true,
      etatProjet: 'reconversion-projetee',
    }),
  );
  ok(await deposerReclamation(p.deps, { donnees: uneReclamation() }));
}

let serveur: Awaited<ReturnType<typeof unServeurFtps>>;
const dossierLocal = mkdtempSync(join(tmpdir(), 'transmission-local-'));
beforeAll(async () => {
  certificats = desCertificats();
  smtp = await demarrerSmtpDeTest();
  serveur = await unServeurFtps(certificats);
  await uneJourneeComplete();
});
afterAll(async () => {
  await serveur.arreter();
  await smtp.arreter();
  p.fermer();
  rmSync(dossierLocal, { recursive: true, force: true });
});

const cible = (url = serveur.url(), options: { sansAutorite?: boolean } = {}) => lireCible(url, options.sansAutorite ? undefined : certificats.cheminCa);
const depose = (nom: string) => join(serveur.entrant, nom);
const fichierDuJour = (table: string, ext: string) => depose(`cep-01-${JOUR}-${table}.${ext}`);

describe('quand on dépose un jour complet sur le point d’échange FTPS', () => {
  let manifeste: Manifeste;
  beforeAll(async () => {
    const r = await exporterEtDeposer(p.deps, { date: JOUR, dossier: dossierLocal, cible: cible(), reprises: REPRISES });
    if (!r.ok || r.etat !== 'depose') throw new Error(JSON.stringify(r));
    manifeste = JSON.parse(readFileSync(depose(`cep-01-${JOUR}-manifeste.json`), 'utf8')) as Manifeste;
  });

  it('dépose chaque fichier du manifeste, intact (taille et SHA-256 relus sur le serveur), et aucun nom provisoire', () => {
    const fichiers = manifeste.tables.flatMap((t) => t.fichiers);
    expect(fichiers.length).toBe(7);
    for (const f of fichiers) {
      const contenu = readFileSync(depose(f.nom));
      expect(contenu.length).toBe(f.octets);
      expect(createHash('sha256').update(contenu).digest('hex')).toBe(f.sha256);
    }
    const tous = readdirSync(serveur.entrant, { recursive: true }) as string[];
    expect(tous.filter((n) => n.includes('.partiel'))).toEqual([]);
  });

  it('chaque ligne relue respecte son schéma, en CSV comme en JSON, et le manifeste en donne le nombre', () => {
    const compte = new Map(manifeste.tables.map((t) => [t.table, t.enregistrements]));
    for (const [table, schema] of [
      ['beneficiaires', schemaBeneficiaire],
      ['uo', schemaUo],
      ['reclamations', schemaReclamation],
    ] as const) {
      const json = lireJson(fichierDuJour(table, 'json'));
      expect(json.length).toBe(compte.get(table));
      expect(lireCsv(fichierDuJour(table, 'csv')).length).toBe(json.length);
      for (const ligne of json) expect(schema.parse(ligne)).toEqual(ligne);
    }
  });

  it('contient une ligne par sorte d’UO : 00 anonyme, 00 nominative, 01 close, 2.1 close, 2.2 avec ses données', () => {
    const uo = lireJson(fichierDuJour('uo', 'json'));
    expect(uo.map((l) => [l.uo, l.numeroDossier])).toEqual([
      ['00', null],
      ['00', numeros.dossier],
      ['00', expect.stringMatching(/^01261200\d{6}$/) as unknown],
      ['01', numeros.uo1],
      ['2.1', numeros.uo21],
      ['2.2', numeros.uo22],
    ]);
    expect(uo.find((l) => l.uo === '01')).toMatchObject({
      dateEngagement: JOUR,
      dateCloture: JOUR,
      motifCloture: 'livrable-signe',
      datesInteractions: JOUR,
      modesContact: 'telephone',
      referenceBonCommande: '2026-Lot01-UO01-01-00001',
      origine: 'individuelle',
      motif: 'faire-le-point',
    });
    expect(uo.find((l) => l.uo === '2.1')).toMatchObject({ typesService: 'identification-competences|investigation-metiers', autoPrescription: false });
    expect(uo.find((l) => l.uo === '2.2')).toMatchObject({
      dateCloture: null,
      prestationsComplementaires: 'formation',
      financementFormation: 'cpf',
      decouvertesMetiers: 'pmsmp',
      projetReconversion: true,
      etatProjet: 'reconversion-projetee',
    });
  });

  it('remplit les données du bénéficiaire dues à partir de l’UO 1, et neutralise en CSV la cellule qui commence comme une formule', () => {
    const lea = lireJson(fichierDuJour('beneficiaires', 'json')).find((l) => l.identifiant === numeros.dossier)!;
    expect(lea).toMatchObject({
      nom: 'Martin',
      sexe: 'F',
      adresseCodePostal: '75011',
      secteurActivite: 'H',
      libelleSecteur: expect.stringMatching(/^Transports/) as unknown,
      structure: 1,
      entreeEntreprise: '2018-09',
      email: 'lea.martin@exemple.fr',
      telephone: '06 12 34 56 78',
      libelleProfession: '=1+1 préparatrice de commandes',
    });
    const csv = readFileSync(fichierDuJour('beneficiaires', 'csv'), 'utf8');
    expect(csv).toContain(`;"'=1+1 préparatrice de commandes";`);
    expect(csv).not.toMatch(/;=1\+1/);
    expect(manifeste.neutralisationCsv).toBe("'");
  });

  it('dépose le livrable signé en PDF sous cep-<OO>-<jour>-livrables/<numéro>-<uo>.pdf', () => {
    const livrables = manifeste.tables.find((t) => t.table === 'livrables')!;
    expect(livrables.fichiers.map((f) => f.nom)).toEqual([`cep-01-${JOUR}-livrables/${numeros.uo1}-01.pdf`]);
    expect(readFileSync(depose(livrables.fichiers[0]!.nom)).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('enregistre le dépôt (fichiers, tailles, empreintes, résultat) et ne redépose pas le même jour, sauf --redeposer', async () => {
    const [dernier] = await depotTransmissions(p.deps.db).derniers(1);
    expect(dernier).toMatchObject({ genre: 'quotidien', periode: JOUR, statut: 'reussi', tentatives: 1, message: null });
    expect(dernier!.fichiers.map((f) => f.nom)).toContain(`cep-01-${JOUR}-manifeste.json`);
    expect(await exporterEtDeposer(p.deps, { date: JOUR, dossier: dossierLocal, cible: cible(), reprises: REPRISES })).toEqual({
      ok: true,
      date: JOUR,
      etat: 'deja-depose',
    });
    const encore = await exporterEtDeposer(p.deps, { date: JOUR, dossier: dossierLocal, cible: cible(), reprises: REPRISES, redeposer: true });
    expect(encore).toMatchObject({ ok: true, etat: 'depose' });
    expect((await depotTransmissions(p.deps.db).derniers(5)).filter((d) => d.statut === 'reussi')).toHaveLength(2);
  });
});

describe('quand le serveur tombe au milieu d’un envoi', () => {
  it('reprend après une attente, sur une nouvelle connexion, et dépose des fichiers intacts', async () => {
    const instable = await unServeurFtps(certificats, { coupure: { apres: 200, fois: 1 } });
    try {
      const r = await exporterEtDeposer(p.deps, { date: '2026-12-04', dossier: dossierLocal, cible: cible(instable.url()), reprises: REPRISES });
      expect(r).toMatchObject({ ok: true, etat: 'depose', tentatives: 2 });
      const m = JSON.parse(readFileSync(join(instable.entrant, 'cep-01-2026-12-04-manifeste.json'), 'utf8')) as Manifeste;
      for (const f of m.tables.flatMap((t) => t.fichiers))
        expect(createHash('sha256').update(readFileSync(join(instable.entrant, f.nom))).digest('hex')).toBe(f.sha256);
    } finally {
      await instable.arreter();
    }
  });

  it('après les reprises, échoue en disant pourquoi en français, garde les fichiers, et le jour est repris au passage suivant', async () => {
    const enPanne = await unServeurFtps(certificats, { coupure: { apres: 200, fois: 99 } });
    try {
      const r = await exporterEtDeposer(p.deps, { date: '2026-12-03', dossier: dossierLocal, cible: cible(enPanne.url()), reprises: REPRISES });
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.message).toMatch(/^Dépôt du 2026-12-03 impossible : La connexion avec ftps:\/\/cep@127\.0\.0\.1:\d+\/entrant a été interrompue pendant le dépôt de cep-01-2026-12-03-/);
      expect(r.message).toContain(`Les fichiers restent dans ${dossierLocal}`);
      expect(r.message).not.toContain('secret-du-depot');
      expect(existsSync(join(dossierLocal, 'cep-01-2026-12-03-manifeste.json'))).toBe(true);
      expect((await depotTransmissions(p.deps.db).derniers(1))[0]).toMatchObject({ periode: '2026-12-03', statut: 'echec', tentatives: 3 });
      expect(await depotTransmissions(p.deps.db).enEchec('quotidien')).toEqual(['2026-12-03']);
    } finally {
      await enPanne.arreter();
    }
    const repris = await exporterEtDeposer(p.deps, { date: '2026-12-03', dossier: dossierLocal, cible: cible(), reprises: REPRISES });
    expect(repris).toMatchObject({ ok: true, etat: 'depose' });
    expect(await depotTransmissions(p.deps.db).enEchec('quotidien')).toEqual([]);
  });
});

describe('quand le serveur ne peut pas être reconnu ou refuse le compte', () => {
  it('refuse un certificat que rien ne reconnaît, sans reprise inutile', async () => {
    const r = await exporterEtDeposer(p.deps, { date: '2026-12-02', dossier: dossierLocal, cible: cible(serveur.url(), { sansAutorite: true }), reprises: REPRISES });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message).toMatch(/Le certificat du serveur ftps:\/\/cep@127\.0\.0\.1:\d+\/entrant n’est pas reconnu \([A-Z_]+\) : .*TRANSMISSION_CA/);
    expect((await depotTransmissions(p.deps.db).derniers(1))[0]).toMatchObject({ periode: '2026-12-02', statut: 'echec', tentatives: 1 });
  });

  it('dit que le mot de passe est refusé, sans jamais le recopier', async () => {
    const r = await exporterEtDeposer(p.deps, { date: '2026-12-01', dossier: dossierLocal, cible: cible(serveur.url('mauvais-secret')), reprises: REPRISES });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message).toMatch(/refuse l’identifiant ou le mot de passe/);
    expect(r.message).not.toContain('mauvais-secret');
    expect(JSON.stringify(await depotTransmissions(p.deps.db).derniers(10))).not.toContain('mauvais-secret');
    expect(p.journal.lignes.join('\n')).not.toContain('mauvais-secret');
  });
});

describe('la configuration du dépôt', () => {
  it('refuse au démarrage un dépôt en clair (ftp://), en français, sans recopier l’adresse', () => {
    expect(() => lireEnvironnement({ TRANSMISSION_URL: 'ftp://cep:secret@depot.exemple.fr/entrant' })).toThrow(
      /TRANSMISSION_URL : le dépôt en clair \(ftp:\/\/\) est refusé/,
    );
    try {
      lireEnvironnement({ TRANSMISSION_URL: 'ftp://cep:secret@depot.exemple.fr/entrant' });
    } catch (e) {
      expect((e as Error).message).not.toContain('secret');
    }
  });

  it('lit l’URL ftps:// et l’autorité PEM, et refuse un fichier PEM absent en le nommant', () => {
    expect(lireCible('ftps://cep:s%40cret@depot.exemple.fr:2121/entrant', certificats.cheminCa)).toMatchObject({
      hote: 'depot.exemple.fr',
      port: 2121,
      utilisateur: 'cep',
      motDePasse: 's@cret',
      dossier: '/entrant',
      ca: expect.stringContaining('BEGIN CERTIFICATE') as unknown,
    });
    expect(() => lireCible('ftps://cep:x@h/d', '/nulle-part/ca.pem')).toThrow(/TRANSMISSION_CA : le fichier \/nulle-part\/ca\.pem est illisible/);
  });
});

describe('quand les indicateurs du mois sont déposés', () => {
  it('dépose le CSV des indicateurs du §4.3 sur le même point d’échange, une fois par mois sauf --redeposer', async () => {
    const r = await deposerIndicateurs(p.deps, { mois: '2026-11', dossier: dossierLocal, cible: cible(), reprises: REPRISES });
    expect(r).toEqual({ ok: true, mois: '2026-11', etat: 'depose', fichier: 'cep-01-2026-11-indicateurs.csv' });
    const depose = readFileSync(join(serveur.entrant, 'cep-01-2026-11-indicateurs.csv'), 'utf8');
    expect(depose).toBe(readFileSync(join(dossierLocal, 'cep-01-2026-11-indicateurs.csv'), 'utf8'));
    expect(depose).toContain('2026-11;uo0.aiguillage;');
    expect((await depotTransmissions(p.deps.db).derniers(1))[0]).toMatchObject({ genre: 'indicateurs', periode: '2026-11', statut: 'reussi' });
    expect(await deposerIndicateurs(p.deps, { mois: '2026-11', dossier: dossierLocal, cible: cible(), reprises: REPRISES })).toMatchObject({ etat: 'deja-depose' });
    expect(await deposerIndicateurs(p.deps, { mois: '2026-13', dossier: dossierLocal, cible: cible() })).toMatchObject({ ok: false });
  });
});
