import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { executer, tables } from '../../../db/moteur.ts';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { derniersCourriels } from '../../../server/courriel/repository.ts';
import { creerTransportSmtp, envoyerCourrielsDus } from '../../../server/courriel/envoi.ts';
import { ORGANISMES_DEMONSTRATION } from '../../../server/demonstration/amorcer.ts';
import type { FichierRecu } from '../../../server/http/multipart.ts';
import { importerOrganismes } from '../../../server/organismes/import.ts';
import { redigerLivrable } from '../../../server/parcours/livrables.ts';
import { empreinteSha256 } from '../../../server/parcours/pdf.ts';
import { depotParcours } from '../../../server/parcours/repository.ts';
import { engager } from '../../../server/parcours/service.ts';
import {
  confirmerSignature,
  demanderCodeSignature,
  documentASigner,
  enregistrerSignaturePapier,
  signerParLeConseiller,
} from '../../../server/parcours/signature.ts';
import { dossierTemporaire } from '../../../server/reclamations/pieces.ts';
import { lirePdfAvecPdfJs } from '../../fixtures/pdf-structure.ts';
import { texteDuPdf } from '../../fixtures/pdf.ts';
import { auditSur, unParcoursDeTestSur, type ParcoursDeTest } from '../../fixtures/parcours.ts';
import { MOTEURS } from '../../fixtures/deux-moteurs.ts';
import { demarrerSmtpDeTest } from '../../fixtures/smtp.ts';

let smtp: Awaited<ReturnType<typeof demarrerSmtpDeTest>>;
let p: ParcoursDeTest;
beforeAll(async () => {
  smtp = await demarrerSmtpDeTest();
});
afterAll(() => smtp.arreter());

const etatDesLieux = (surcharges: Record<string, unknown> = {}) => ({
  analyseSituation: 'Salariée depuis 8 ans en logistique, souhaite évoluer vers un poste moins physique.',
  informationsEchangees: 'Présentation du CEP, du CPF et du projet de transition professionnelle.',
  decision: 'poursuivre',
  prochainesEtapes: {
    operateur: 'Avenir Actifs',
    contenus: 'Construire le projet',
    objectifs: 'Choisir un métier cible',
    modalites: 'Trois entretiens en visio',
  },
  ...surcharges,
});
const projet = (surcharges: Record<string, unknown> = {}) => ({
  projet: 'Devenir assistante ressources humaines dans une entreprise de logistique.',
  analyse: 'Compétences transférables : organisation, relation aux équipes. Écart : droit social.',
  informationsPartagees: 'Marché porteur en Île-de-France ; certifications inscrites au RNCP ; financement CPF et PTP.',
  planActions: 'Bilan de compétences, puis formation certifiante en 2027, financement PTP.',
  prestationsSouhaitees: [{ prestation: 'bilan-de-competences' }],
  souhaitAppuiMiseEnOeuvre: true,
  ...surcharges,
});

/** Une UO de ce type engagée le 1er décembre, avec son livrable rédigé. */
async function livrableRedige(uo: '01' | '21' = '01', email = 'lea.martin@exemple.fr') {
  const dossier = await p.unDossier({ email });
  const r = await engager(
    p.deps,
    p.conseiller,
    dossier.id,
    uo === '21' ? { uo, date: '2026-12-01', referentId: p.conseiller.id } : { uo, date: '2026-12-01' },
  );
  if (!r.ok) throw new Error(r.erreur);
  const l = await redigerLivrable(p.deps, p.conseiller, r.uo.id, uo === '01' ? etatDesLieux() : projet());
  if (!l.ok) throw new Error(JSON.stringify(l));
  return { dossier, uo: r.uo, livrable: l.livrable };
}

/** Envoie les courriels dus au serveur SMTP de test et rend le code du dernier courriel de code reçu. */
async function envoyerEtLireCode(): Promise<string> {
  await envoyerCourrielsDus(p.deps, creerTransportSmtp(smtp.url));
  const courriel = smtp.recus.filter((c) => c.sujet.startsWith('Votre code')).at(-1);
  const code = /: (\d{6})/.exec(courriel?.texte ?? '')?.[1];
  if (!code) throw new Error('aucun code reçu');
  return code;
}

function unScan(contenu: Buffer, nom = 'scan.pdf'): FichierRecu {
  const dossier = dossierTemporaire(p.deps.dossierPiecesJointes);
  mkdirSync(dossier, { recursive: true });
  const chemin = join(dossier, `${Math.random()}`);
  writeFileSync(chemin, contenu);
  return {
    champ: 'scan',
    nomDonne: nom,
    chemin,
    taille: contenu.length,
    tete: contenu.subarray(0, 4100),
    empreinte: createHash('sha256').update(contenu).digest('hex'),
    tropGros: false,
  };
}

/** Les codes de signature en base. */
const codesSignature = () => p.deps.db.select().from(tables(p.deps.db).codesSignature);

describe.each(MOTEURS)('les livrables et leur signature (%s)', (moteur) => {
  beforeEach(async () => {
    p = await unParcoursDeTestSur(moteur, { maintenant: '2026-12-05T10:00:00Z' });
    smtp.recus.length = 0;
  });
  afterEach(() => p.fermer());

  describe('le livrable « État des lieux partagé » et son PDF balisé', () => {
    it('produit à la signature du conseiller un PDF 1.7 balisé (titres, paragraphes), en français, qui nomme le médiateur ; son SHA-256 est gardé', async () => {
      const { dossier, livrable } = await livrableRedige();
      const signe = await signerParLeConseiller(p.deps, p.conseiller, livrable.id);
      expect(signe.ok).toBe(true);
      const doc = await documentASigner(p.deps, dossier.id, livrable.id);
      if (!doc.ok || !signe.ok) throw new Error('document absent');
      expect(empreinteSha256(doc.pdf)).toBe(signe.empreinte);
      const lu = await lirePdfAvecPdfJs(doc.pdf);
      expect(lu).toMatchObject({ balise: true, version: '1.7', langue: 'fr-FR' });
      expect(lu.titre).toContain('État des lieux partagé');
      expect(new Set(lu.pages.flatMap((pg) => pg.roles))).toEqual(new Set(['Root', 'Document', 'H1', 'H2', 'P']));
      expect(lu.texte).toContain('Analyse partagée de la situation');
      expect(lu.texte).toContain('souhaite évoluer vers un poste moins physique');
      expect(lu.texte).toContain('médiateur de France compétences');
      expect(lu.texte).toContain('Camille Conseil');
      // Le même texte lu par l'extracteur maison (polices standard, WinAnsi) : accents compris.
      expect(texteDuPdf(doc.pdf)).toContain('Prochaines étapes');
    });

    it('refuse un livrable pour une UO 2.2 (LIVRABLE_SANS_OBJET) et une saisie incomplète (SAISIE_INVALIDE)', async () => {
      const { uo } = await livrableRedige('01');
      expect(await redigerLivrable(p.deps, p.conseiller, uo.id, { decision: 'peut-etre' })).toMatchObject({
        ok: false,
        erreur: 'SAISIE_INVALIDE',
      });
      const d = await p.unDossier({ email: 'x@exemple.fr' });
      const uo21 = await engager(p.deps, p.conseiller, d.id, { uo: '21', date: '2026-06-01', referentId: p.conseiller.id });
      if (!uo21.ok) throw new Error(uo21.erreur);
      await executer(
        p.deps.db,
        sql`update unites_oeuvre set statut = 'close', motif_cloture = 'livrable-signe', date_cloture = '2026-07-01' where id = ${uo21.uo.id}`,
      );
      const uo22 = await engager(p.deps, p.conseiller, d.id, { uo: '22', date: '2026-12-01' });
      expect(uo22.ok && (await redigerLivrable(p.deps, p.conseiller, uo22.uo.id, etatDesLieux()))).toEqual({
        ok: false,
        erreur: 'LIVRABLE_SANS_OBJET',
      });
    });

    it('un document modifié perd la signature du conseiller et les codes envoyés ne valent plus', async () => {
      const { dossier, uo, livrable } = await livrableRedige();
      await signerParLeConseiller(p.deps, p.conseiller, livrable.id);
      await demanderCodeSignature(p.deps, dossier.id, livrable.id);
      const code = await envoyerEtLireCode();
      const empreinte = (await depotParcours(p.deps.db).livrable(livrable.id))!.empreinte!;
      expect((await redigerLivrable(p.deps, p.conseiller, uo.id, etatDesLieux({ decision: 'clore' }))).ok).toBe(true);
      expect(await depotParcours(p.deps.db).livrable(livrable.id)).toMatchObject({ statut: 'brouillon', version: 2, empreinte: null });
      expect(await depotParcours(p.deps.db).pdfDuLivrable(livrable.id)).toBeNull();
      expect(JSON.parse((await auditSur(p.deps, 'parcours.livrable')).at(-1)!.details!)).toMatchObject({ signaturesPerdues: true });
      expect(await confirmerSignature(p.deps, dossier.id, livrable.id, { mention: 'lu et approuvé', code, empreinte })).toEqual({
        ok: false,
        erreur: 'LIVRABLE_NON_SIGNE_PAR_LE_CONSEILLER',
      });
      await signerParLeConseiller(p.deps, p.conseiller, livrable.id);
      const nouvelle = (await depotParcours(p.deps.db).livrable(livrable.id))!.empreinte!;
      expect(nouvelle).not.toBe(empreinte);
      expect(await confirmerSignature(p.deps, dossier.id, livrable.id, { mention: 'lu et approuvé', code, empreinte: nouvelle })).toEqual({
        ok: false,
        erreur: 'CODE_ABSENT',
      });
    });
  });

  describe('la signature électronique de la personne (code par courriel, serveur SMTP réel)', () => {
    it('signe avec « lu et approuvé » et le code reçu : UO close, livrable à transmettre, PDF scellé envoyé avec sa preuve et le document exact joint', async () => {
      const { dossier, uo, livrable } = await livrableRedige();
      await signerParLeConseiller(p.deps, p.conseiller, livrable.id);
      const doc = await documentASigner(p.deps, dossier.id, livrable.id);
      if (!doc.ok) throw new Error(doc.erreur);
      expect(await demanderCodeSignature(p.deps, dossier.id, livrable.id)).toEqual({ ok: true, envoyeA: 'l***@exemple.fr' });
      // Avant l'envoi, la boîte d'envoi ne porte que l'identifiant du code, jamais le code.
      const enFile = (await derniersCourriels(p.deps.db)).find((c) => c.categorie === 'parcours.code-signature')!;
      expect(enFile.texte).toBeNull();
      expect(enFile.donnees).toMatch(/^\{"code":"\d+"\}$/);
      p.horloge.aller('2026-12-05T10:05:00Z');
      const code = await envoyerEtLireCode();
      const archive = (await derniersCourriels(p.deps.db)).find((c) => c.categorie === 'parcours.code-signature')!;
      expect(archive.statut).toBe('envoye');
      expect(`${archive.texte}${archive.html}${archive.donnees}`).not.toContain(code);
      expect((await codesSignature()).map((c) => c.empreinte).join()).not.toContain(code);

      p.horloge.aller('2026-12-05T10:08:00Z');
      expect(
        await confirmerSignature(p.deps, dossier.id, livrable.id, { mention: ' Lu et approuve ', code, empreinte: doc.empreinte }),
      ).toEqual({
        ok: true,
      });
      expect(await depotParcours(p.deps.db).uo(uo.id)).toMatchObject({
        statut: 'close',
        motifCloture: 'livrable-signe',
        dateCloture: '2026-12-05',
      });
      expect(await depotParcours(p.deps.db).livrable(livrable.id)).toMatchObject({
        statut: 'signe',
        beneficiaireSigneLe: '2026-12-05T10:08:00.000Z',
        conseillerSigneLe: '2026-12-05T10:00:00.000Z',
        canalCode: 'courriel:l***@exemple.fr',
        aTransmettreLe: '2026-12-05',
      });
      expect((await depotParcours(p.deps.db).livrablesATransmettre('2026-12-05')).map((l) => l.livrable.id)).toEqual([livrable.id]);

      await envoyerCourrielsDus(p.deps, creerTransportSmtp(smtp.url));
      const signe = smtp.recus.find((c) => c.sujet.startsWith('Votre document signé'));
      expect(signe?.a).toEqual(['lea.martin@exemple.fr']);
      const pdf = signe!.piecesJointes.find((pj) => pj.type === 'application/pdf')!.octets;
      const lu = await lirePdfAvecPdfJs(pdf);
      expect(lu.balise).toBe(true);
      expect(lu.pages.at(-1)!.texte).toContain('Preuve de signature');
      expect(lu.pages.at(-1)!.texte).toContain(doc.empreinte);
      expect(lu.pages.at(-1)!.texte).toContain('Lu et approuve');
      const joint = lu.piecesJointes.find((pj) => pj.nom === 'document-signe.pdf')!;
      expect(empreinteSha256(joint.octets)).toBe(doc.empreinte);
      expect(await auditSur(p.deps, 'parcours.signature.beneficiaire')).toHaveLength(1);
      expect(
        await confirmerSignature(p.deps, dossier.id, livrable.id, { mention: 'lu et approuvé', code, empreinte: doc.empreinte }),
      ).toEqual({
        ok: false,
        erreur: 'LIVRABLE_SIGNE',
      });
    });

    it('refuse avant la signature du conseiller (LIVRABLE_NON_SIGNE_PAR_LE_CONSEILLER), un autre dossier (LIVRABLE_INCONNU), sans code demandé (CODE_ABSENT)', async () => {
      const { dossier, livrable } = await livrableRedige();
      const saisie = { mention: 'lu et approuvé', code: '123456', empreinte: 'a'.repeat(64) };
      expect(await demanderCodeSignature(p.deps, dossier.id, livrable.id)).toEqual({
        ok: false,
        erreur: 'LIVRABLE_NON_SIGNE_PAR_LE_CONSEILLER',
      });
      await signerParLeConseiller(p.deps, p.conseiller, livrable.id);
      const empreinte = (await depotParcours(p.deps.db).livrable(livrable.id))!.empreinte!;
      expect(await confirmerSignature(p.deps, dossier.id + 1, livrable.id, { ...saisie, empreinte })).toEqual({
        ok: false,
        erreur: 'LIVRABLE_INCONNU',
      });
      expect(await confirmerSignature(p.deps, dossier.id, livrable.id, { ...saisie, empreinte })).toEqual({
        ok: false,
        erreur: 'CODE_ABSENT',
      });
      expect(await signerParLeConseiller(p.deps, p.conseiller, livrable.id)).toEqual({ ok: false, erreur: 'DEJA_SIGNE_PAR_LE_CONSEILLER' });
    });

    it('refuse une mention absente (MENTION_INCORRECTE) et un document qui n’est pas celui signé (DOCUMENT_MODIFIE), sans consommer d’essai', async () => {
      const { dossier, livrable } = await livrableRedige();
      await signerParLeConseiller(p.deps, p.conseiller, livrable.id);
      await demanderCodeSignature(p.deps, dossier.id, livrable.id);
      const code = await envoyerEtLireCode();
      const empreinte = (await depotParcours(p.deps.db).livrable(livrable.id))!.empreinte!;
      expect(await confirmerSignature(p.deps, dossier.id, livrable.id, { mention: 'ok', code, empreinte })).toEqual({
        ok: false,
        erreur: 'MENTION_INCORRECTE',
      });
      expect(
        await confirmerSignature(p.deps, dossier.id, livrable.id, { mention: 'lu et approuvé', code, empreinte: 'b'.repeat(64) }),
      ).toEqual({
        ok: false,
        erreur: 'DOCUMENT_MODIFIE',
      });
      expect((await codesSignature())[0]?.tentatives).toBe(0);
      expect(await confirmerSignature(p.deps, dossier.id, livrable.id, { mention: 'lu et approuvé', code, empreinte })).toEqual({
        ok: true,
      });
    });

    it('refuse un code expiré après 15 minutes (CODE_EXPIRE)', async () => {
      const { dossier, livrable } = await livrableRedige();
      await signerParLeConseiller(p.deps, p.conseiller, livrable.id);
      await demanderCodeSignature(p.deps, dossier.id, livrable.id);
      const code = await envoyerEtLireCode();
      p.horloge.aller('2026-12-05T10:15:01Z');
      const empreinte = (await depotParcours(p.deps.db).livrable(livrable.id))!.empreinte!;
      expect(await confirmerSignature(p.deps, dossier.id, livrable.id, { mention: 'lu et approuvé', code, empreinte })).toEqual({
        ok: false,
        erreur: 'CODE_EXPIRE',
      });
      expect((await depotParcours(p.deps.db).livrable(livrable.id))?.statut).toBe('signe-conseiller');
    });

    it('bloque le code après 5 essais faux (CODE_EPUISE), même avec le bon code ensuite ; un nouveau code remet à zéro', async () => {
      const { dossier, livrable } = await livrableRedige();
      await signerParLeConseiller(p.deps, p.conseiller, livrable.id);
      await demanderCodeSignature(p.deps, dossier.id, livrable.id);
      const code = await envoyerEtLireCode();
      const empreinte = (await depotParcours(p.deps.db).livrable(livrable.id))!.empreinte!;
      const faux = code === '000000' ? '111111' : '000000';
      const essais = [];
      for (let i = 0; i < 5; i++)
        essais.push(await confirmerSignature(p.deps, dossier.id, livrable.id, { mention: 'lu et approuvé', code: faux, empreinte }));
      expect(essais.map((e) => !e.ok && e.erreur)).toEqual([
        'CODE_INCORRECT',
        'CODE_INCORRECT',
        'CODE_INCORRECT',
        'CODE_INCORRECT',
        'CODE_EPUISE',
      ]);
      expect(await confirmerSignature(p.deps, dossier.id, livrable.id, { mention: 'lu et approuvé', code, empreinte })).toEqual({
        ok: false,
        erreur: 'CODE_EPUISE',
      });
      p.horloge.aller('2026-12-05T10:02:00Z');
      await demanderCodeSignature(p.deps, dossier.id, livrable.id);
      const nouveau = await envoyerEtLireCode();
      expect(await confirmerSignature(p.deps, dossier.id, livrable.id, { mention: 'lu et approuvé', code: nouveau, empreinte })).toEqual({
        ok: true,
      });
    });
  });

  describe('le projet professionnel et sa liste neutre', () => {
    it('joint l’instantané daté de tous les organismes certifiés de la région pour chaque prestation souhaitée, imprimé dans le PDF', async () => {
      await importerOrganismes(p.deps, ORGANISMES_DEMONSTRATION);
      const { dossier, livrable } = await livrableRedige('21');
      const liste = JSON.parse(livrable.listeNeutre!) as {
        prisLe: string;
        region: string;
        prestations: { prestation: string; organismes: { denomination: string }[] }[];
      };
      expect(liste.prisLe).toBe('2026-12-05T10:00:00.000Z');
      expect(liste.region).toBe('Île-de-France');
      const noms = liste.prestations[0]!.organismes.map((o) => o.denomination);
      expect(noms.length).toBeGreaterThan(1);
      expect(noms).toEqual([...noms].sort((a, b) => a.localeCompare(b, 'fr')));
      await signerParLeConseiller(p.deps, p.conseiller, livrable.id);
      const doc = await documentASigner(p.deps, dossier.id, livrable.id);
      if (!doc.ok) throw new Error(doc.erreur);
      const lu = await lirePdfAvecPdfJs(doc.pdf);
      expect(lu.texte).toContain('Organismes de la région pour les prestations souhaitées');
      expect(lu.texte).toContain(noms[0]!);
      expect(new Set(lu.pages.flatMap((pg) => pg.roles))).toContain('LI');
    });

    it('refuse une prestation sans liste d’organismes (SAISIE_INVALIDE sur la prestation)', async () => {
      const dossier = await p.unDossier();
      const r = await engager(p.deps, p.conseiller, dossier.id, { uo: '21', date: '2026-12-01', referentId: p.conseiller.id });
      if (!r.ok) throw new Error(r.erreur);
      expect(
        await redigerLivrable(p.deps, p.conseiller, r.uo.id, projet({ prestationsSouhaitees: [{ prestation: 'creation-entreprise' }] })),
      ).toMatchObject({
        ok: false,
        erreur: 'SAISIE_INVALIDE',
        erreurs: [{ champ: 'prestationsSouhaitees.0.prestation' }],
      });
    });
  });

  describe('la signature sur papier', () => {
    it('enregistre le scan signé : UO close, fichier rangé hors de la racine web, document envoyé à la personne avec la preuve papier', async () => {
      const { uo, livrable } = await livrableRedige('21');
      await signerParLeConseiller(p.deps, p.conseiller, livrable.id);
      const scan = Buffer.from('%PDF-1.4\n% scan signé\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
      const r = await enregistrerSignaturePapier(p.deps, p.conseiller, livrable.id, { date: '2026-12-04', fichiers: [unScan(scan)] });
      expect(r).toEqual({ ok: true });
      const l = (await depotParcours(p.deps.db).livrable(livrable.id))!;
      expect(l).toMatchObject({
        statut: 'signe-papier',
        canalCode: 'papier',
        scanEmpreinte: createHash('sha256').update(scan).digest('hex'),
        aTransmettreLe: '2026-12-05',
      });
      expect(existsSync(join(p.deps.dossierPiecesJointes, l.scanChemin!))).toBe(true);
      expect(await depotParcours(p.deps.db).uo(uo.id)).toMatchObject({
        statut: 'close',
        motifCloture: 'livrable-signe',
        dateCloture: '2026-12-04',
      });
      await envoyerCourrielsDus(p.deps, creerTransportSmtp(smtp.url));
      const pdf = smtp.recus.find((c) => c.sujet.startsWith('Votre document signé'))!.piecesJointes[0]!.octets;
      expect((await lirePdfAvecPdfJs(pdf)).pages.at(-1)!.texte).toContain('Signature manuscrite sur papier');
    });

    it('refuse un scan qui n’est ni PDF ni image (SAISIE_INVALIDE), l’absence de scan (SCAN_ABSENT) ou une date future, sans rien changer', async () => {
      const { uo, livrable } = await livrableRedige();
      await signerParLeConseiller(p.deps, p.conseiller, livrable.id);
      const texte = unScan(Buffer.from('ceci n’est pas un scan'), 'scan.pdf');
      expect(await enregistrerSignaturePapier(p.deps, p.conseiller, livrable.id, { date: '2026-12-04', fichiers: [texte] })).toMatchObject({
        ok: false,
        erreur: 'SAISIE_INVALIDE',
        erreurs: [{ champ: 'scan' }],
      });
      expect(existsSync(texte.chemin)).toBe(false);
      expect(await enregistrerSignaturePapier(p.deps, p.conseiller, livrable.id, { date: '2026-12-04', fichiers: [] })).toEqual({
        ok: false,
        erreur: 'SCAN_ABSENT',
      });
      const scan = unScan(Buffer.from('%PDF-1.4\n%%EOF\n'));
      expect(await enregistrerSignaturePapier(p.deps, p.conseiller, livrable.id, { date: '2026-12-06', fichiers: [scan] })).toEqual({
        ok: false,
        erreur: 'DATE_FUTURE',
      });
      expect((await depotParcours(p.deps.db).uo(uo.id))?.statut).toBe('ouverte');
      expect((await depotParcours(p.deps.db).livrable(livrable.id))?.statut).toBe('signe-conseiller');
    });
  });
});
