import { readdirSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lignes } from '../../db/moteur.ts';
import { derniersCourrielsLisibles } from '../../server/courriel/composition.ts';
import { passerLaPortePage } from '../../server/http/porte.ts';
import { indicateurSemestre } from '../../server/reclamations/bilan-semestriel.ts';
import { reglesCourrier } from '../../server/reclamations/courrier.ts';
import { pageCourrier } from '../../server/reclamations/page-courrier.ts';
import { pdfAccuseCourrier } from '../../server/reclamations/pdf.ts';
import { dossierTemporaire } from '../../server/reclamations/pieces.ts';
import { depotReclamations } from '../../server/reclamations/repository.ts';
import { trouverReclamation } from '../../server/reclamations/service.ts';
import { uneAppDeTestSur, type AppDeTest } from '../fixtures/app.ts';
import { MOTEURS } from '../fixtures/deux-moteurs.ts';
import { lirePdfAvecPdfJs } from '../fixtures/pdf-structure.ts';
import { unFormulaire, unPdf } from '../fixtures/reclamations.ts';

// Cahier des charges §3.7 : une réclamation est « écrite », une lettre compte ; les délais de 7 et 45 jours partent
// de la réception de la lettre. Le 5 décembre 2026 (samedi), un conseiller saisit une lettre reçue le 1er décembre.

describe.each(MOTEURS)('les réclamations reçues par courrier (%s)', (moteur) => {
  let app: AppDeTest;
  beforeEach(async () => {
    app = await uneAppDeTestSur(moteur, { maintenant: '2026-12-05T10:00:00Z' });
  });
  afterEach(() => app?.fermer());

  const CONSEILLER = { id: 7 };
  const LETTRE = {
    dateReception: '2026-12-01',
    prenom: 'Paul',
    nom: 'Durand',
    adressePostale: '12 rue des Lilas\n93200 Saint-Denis',
    motif: 'accueil',
    description: 'Monsieur Durand écrit qu’il a attendu deux heures à l’accueil sans être reçu, le 20 novembre.',
  };

  /** L'envoi du formulaire par la porte de la page (multipart, fichiers sur disque), puis le cas d'usage de la page. */
  async function envoyer(champs: Record<string, string>, fichiers = [{ nom: 'lettre.pdf', contenu: unPdf() }]) {
    const request = new Request('http://localhost/espace-conseiller/reclamations/courrier', {
      method: 'POST',
      body: unFormulaire(champs, fichiers),
    });
    const passage = await passerLaPortePage({ request, locals: { deps: app.deps } }, reglesCourrier(app.deps));
    return pageCourrier(app.deps, CONSEILLER, passage);
  }
  const numeroDe = (redirection: string | undefined) =>
    /reclamations\/(R-\d{4}-[A-Z0-9]{6})\?enregistree=courrier$/.exec(redirection ?? '')![1]!;
  const lire = async (numero: string) => (await depotReclamations(app.deps.db).parNumero(numero))!;
  const erreurSur = (vue: Awaited<ReturnType<typeof envoyer>>, champ: string) => vue.echec?.erreurs.find((e) => e.champ === champ)?.message;
  // `count(*)` rend une chaîne sur PostgreSQL : le nombre est lu par `Number`.
  const nombre = async () => Number((await lignes<{ n: number | string }>(app.deps.db, sql`select count(*) as n from reclamations`))[0]!.n);

  describe('un conseiller enregistre une réclamation reçue par courrier', () => {
    it('fait partir les délais de la date de réception tapée, garde le scan et le canal « courrier », et trace qui l’a saisie', async () => {
      const vue = await envoyer(LETTRE);
      const r = await lire(numeroDe(vue.redirection));
      expect(r).toMatchObject({
        canal: 'courrier',
        dateReception: '2026-12-01',
        accuseReceptionAvant: '2026-12-08',
        reponseAvant: '2027-01-15',
        email: null,
        adressePostale: '12 rue des Lilas\n93200 Saint-Denis',
        statut: 'recue',
      });
      expect(await depotReclamations(app.deps.db).pieces(r.id)).toMatchObject([{ nom: 'lettre.pdf', type: 'application/pdf' }]);
      const audit = await lignes(app.deps.db, sql`select acteur, cible from journal_audit where action = 'reclamation.courrier'`);
      expect(audit).toEqual([{ acteur: 'compte:7', cible: r.numero }]);
      expect((await indicateurSemestre(app.deps.db, '2026-S2', app.deps.maintenant())).parCanal).toEqual({ site: 0, courrier: 1 });
    });

    it('sans adresse électronique : aucun courriel, un accusé de réception PDF balisé qui nomme le médiateur et le jour où le saisir', async () => {
      const numero = numeroDe((await envoyer(LETTRE)).redirection);
      expect(await derniersCourrielsLisibles(app.deps, { reference: numero })).toEqual([]);
      const pdf = await lirePdfAvecPdfJs(pdfAccuseCourrier(app.deps.deploiement, await lire(numero), app.deps.maintenant()));
      const texte = pdf.pages.map((p) => p.texte).join(' ');
      expect(texte).toContain(`Accusé de réception de votre réclamation Numéro de la réclamation : ${numero}`);
      expect(texte).toContain('Nous avons bien reçu votre lettre le mardi 1 décembre 2026');
      expect(texte).toContain('au plus tard le vendredi 15 janvier 2027');
      expect(texte).toContain('à partir du samedi 16 janvier 2027');
      expect(texte).toContain('médiateur de France compétences');
      expect(texte).toContain('93200 Saint-Denis');
      expect(pdf.pages[0]!.roles).toEqual(expect.arrayContaining(['H1', 'H2', 'P']));
    });

    it('avec une adresse électronique : le courriel d’enregistrement habituel, et le suivi en ligne', async () => {
      const numero = numeroDe((await envoyer({ ...LETTRE, adressePostale: '', email: 'paul.durand@exemple.fr' })).redirection);
      const [courriel] = await derniersCourrielsLisibles(app.deps, { reference: numero });
      expect(courriel!.destinataire).toBe('paul.durand@exemple.fr');
      expect(courriel!.texte).toContain('à partir du samedi 16 janvier 2027');
      expect((await trouverReclamation(app.deps, numero, 'paul.durand@exemple.fr'))?.numero).toBe(numero);
    });

    it('une réclamation sans adresse électronique ne s’ouvre en ligne avec aucune adresse', async () => {
      const numero = numeroDe((await envoyer(LETTRE)).redirection);
      expect(await trouverReclamation(app.deps, numero, '')).toBeUndefined();
      expect(await trouverReclamation(app.deps, numero, 'personne@exemple.invalid')).toBeUndefined();
    });
  });

  describe('quand la saisie est refusée', () => {
    it('refuse une date de réception après aujourd’hui, en français, sans rien écrire ni garder de fichier', async () => {
      const vue = await envoyer({ ...LETTRE, dateReception: '2026-12-06' });
      expect(vue.echec?.statut).toBe(400);
      expect(erreurSur(vue, 'dateReception')).toBe(
        'La date de réception ne peut pas être après aujourd’hui (samedi 5 décembre 2026) : indiquez le jour où la lettre est arrivée.',
      );
      expect(await nombre()).toBe(0);
      expect(readdirSync(dossierTemporaire(app.deps.dossierPiecesJointes))).toEqual([]);
    });

    it('refuse une date de plus de 3 mois (une faute sur l’année) et une date qui n’existe pas', async () => {
      expect(erreurSur(await envoyer({ ...LETTRE, dateReception: '2025-12-01' }), 'dateReception')).toContain(
        'plus de 3 mois (avant le samedi 5 septembre 2026)',
      );
      expect(erreurSur(await envoyer({ ...LETTRE, dateReception: '2026-02-30' }), 'dateReception')).toContain('au format AAAA-MM-JJ');
      expect(await nombre()).toBe(0);
    });

    it('exige le scan de la lettre, et une adresse postale quand il n’y a pas d’adresse électronique', async () => {
      const vue = await envoyer({ ...LETTRE, adressePostale: '' }, []);
      expect(erreurSur(vue, 'pieces')).toContain('Joignez le scan de la lettre');
      expect(erreurSur(vue, 'adressePostale')).toContain('Indiquez l’adresse postale');
      expect(await nombre()).toBe(0);
    });

    it('refuse un scan qui n’est ni PDF ni image, avec les règles du dépôt en ligne', async () => {
      const vue = await envoyer(LETTRE, [{ nom: 'lettre.exe', contenu: Buffer.from('MZ\x90\x00 pas une lettre') }]);
      expect(erreurSur(vue, 'pieces')).toContain('n’est ni un PDF, ni une image JPEG ou PNG');
      expect(await nombre()).toBe(0);
    });
  });
});
