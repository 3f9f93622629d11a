import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sql, type SQL } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lignes } from '../../db/moteur.ts';
import { derniersCourrielsLisibles } from '../../server/courriel/composition.ts';
import { EFFACE } from '../../db/donnees-personnelles.ts';
import { donneesDeLaPersonne, empreinteDesDonnees, schemaCritere, type Critere } from '../../server/donnees-personnelles/recherche.ts';
import { effacerDonnees, exporterDonnees } from '../../server/donnees-personnelles/service.ts';
import { depotReclamations } from '../../server/reclamations/repository.ts';
import { agirSurReclamation } from '../../server/reclamations/service.ts';
import { lireSuivi } from '../../server/rendez-vous/service.ts';
import { depotRendezVous } from '../../server/rendez-vous/repository.ts';
import { uneAppDeTestSur, type AppDeTest } from '../fixtures/app.ts';
import { MOTEURS } from '../fixtures/deux-moteurs.ts';
import { ouApparaitSur, unePersonne, uneDemandeDe, uneReclamationDe } from '../fixtures/donnees.ts';
import { jetonDuCourriel, posterDemande, uneDemandeDeRendezVous } from '../fixtures/rendez-vous.ts';

describe.each(MOTEURS)('les données d’une personne sur %s', (moteur) => {
  // Lundi 23 novembre 2026, 10 h à Paris.
  let app: AppDeTest;
  beforeEach(async () => {
    app = await uneAppDeTestSur(moteur, { maintenant: '2026-11-23T09:00:00Z' });
  });
  afterEach(() => app.fermer());
  const premiere = async (requete: SQL) => (await lignes<Record<string, string>>(app.deps.db, requete))[0]!;
  const compter = async (requete: SQL) => Number((await lignes<{ n: number | string }>(app.deps.db, requete))[0]!.n);

  const RESPONSABLE = { id: 3, role: 'manager' as const };
  const ZEBULON = unePersonne();
  /** Même nom de famille, adresse qui contient celle de Zébulon : ne doit jamais sortir avec lui. */
  const VOISINE = unePersonne({ prenom: 'Zoé', email: 'zebulon.quichotte@exemple.fr.example', telephone: '07 11 22 33 44' });
  const AUTRE = unePersonne({ nom: 'Tartempion', prenom: 'Ursule', email: 'ursule.tartempion@exemple.fr', telephone: '01 45 67 89 10' });
  const critere = (brut: Record<string, string>): Critere => schemaCritere.parse(brut);

  async function deuxPersonnes() {
    const zebulon = await uneDemandeDe(app, ZEBULON, '2026-11-30T09:00:00Z');
    const numero = await uneReclamationDe(app, { ...ZEBULON, email: 'Zebulon.Quichotte@Exemple.fr' }, 'Monsieur Zébulon Quichotte attend son rendez-vous depuis trop longtemps.');
    expect(await agirSurReclamation(app.deps, { id: 7 }, numero, { type: 'repondre', message: 'Bonjour Monsieur Quichotte, un conseiller vous appelle demain.' })).toEqual({
      ok: true,
    });
    const voisine = await uneDemandeDe(app, VOISINE, '2026-12-01T09:00:00Z');
    const numeroVoisine = await uneReclamationDe(app, VOISINE);
    const autre = await uneDemandeDe(app, AUTRE, '2026-12-02T09:00:00Z');
    return { zebulon, numero, voisine, numeroVoisine, autre };
  }

  describe('quand un responsable cherche les données d’une personne', () => {
    it('trouve par adresse exacte sans tenir compte de la casse, et jamais une adresse voisine', async () => {
      const { zebulon, numero } = await deuxPersonnes();
      const trouve = await donneesDeLaPersonne(app.deps.db, critere({ email: 'ZEBULON.quichotte@exemple.FR' }));
      expect(trouve.demandes.map((d) => d.demande.reference)).toEqual([zebulon.reference]);
      expect(trouve.reclamations.map((r) => r.reclamation.numero)).toEqual([numero]);
      expect(trouve.courriels.length).toBeGreaterThan(0);
      expect(trouve.courriels.every((c) => c.destinataire.toLowerCase() === ZEBULON.email)).toBe(true);
    });

    it('trouve par numéro de dossier saisi avec des espaces, ou par numéro de réclamation', async () => {
      const { zebulon, numero } = await deuxPersonnes();
      const lisible = zebulon.reference.replace(/^(\d\d)(\d\d)(\d\d)(\d\d)/, '$1 $2 $3 $4 ');
      const parDossier = await donneesDeLaPersonne(app.deps.db, critere({ reference: lisible }));
      expect(parDossier.demandes.map((d) => d.demande.reference)).toEqual([zebulon.reference]);
      expect(parDossier.reclamations).toEqual([]);
      expect(parDossier.courriels.every((c) => c.reference === zebulon.reference)).toBe(true);
      const parReclamation = await donneesDeLaPersonne(app.deps.db, critere({ reference: numero.toLowerCase() }));
      expect(parReclamation.reclamations.map((r) => r.reclamation.numero)).toEqual([numero]);
    });

    it('refuse une recherche vide ou un numéro au mauvais format, avec un message qui dit quoi saisir', () => {
      const vide = schemaCritere.safeParse({ email: ' ', reference: '' });
      expect(vide.success).toBe(false);
      expect(vide.error?.issues[0]?.message).toMatch(/Indiquez l’adresse électronique/);
      const faux = schemaCritere.safeParse({ reference: '12345' });
      expect(faux.error?.issues[0]?.message).toMatch(/14 chiffres/);
      expect(schemaCritere.safeParse({ email: 'pas-une-adresse' }).success).toBe(false);
    });
  });

  describe('quand un responsable exporte les données d’une personne', () => {
    it('donne un JSON avec ses demandes, réclamations (historique et pièce jointe) et courriels, et rien d’une autre personne', async () => {
      const { zebulon, numero, voisine, numeroVoisine } = await deuxPersonnes();
      const r = await exporterDonnees(app.deps, RESPONSABLE, critere({ email: ZEBULON.email }));
      if (!r.ok) throw new Error(r.erreur);
      expect(r.nomFichier).toBe('donnees-personnelles-2026-11-23.json');
      const doc = JSON.parse(r.contenu) as {
        demandesDeRendezVous: { numeroDossier: string; nom: string; telephone: string; rendezVous: { debut: string } }[];
        reclamations: { numero: string; description: string; historique: { auteur: string; message: string }[]; piecesJointes: { nom: string; contenuBase64: string }[] }[];
        courriels: { destinataire: string; texte: string }[];
      };
      expect(doc.demandesDeRendezVous).toMatchObject([{ numeroDossier: zebulon.reference, nom: 'Quichotte', telephone: '0698765432', rendezVous: { debut: '2026-11-30T09:00:00.000Z' } }]);
      expect(doc.reclamations).toHaveLength(1);
      expect(doc.reclamations[0]!.numero).toBe(numero);
      expect(doc.reclamations[0]!.historique.map((e) => e.auteur)).toEqual(['vous', 'operateur']);
      expect(doc.reclamations[0]!.piecesJointes[0]!.nom).toBe('courrier de Quichotte.pdf');
      expect(Buffer.from(doc.reclamations[0]!.piecesJointes[0]!.contenuBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
      expect(doc.courriels.length).toBeGreaterThan(0);
      for (const etranger of [voisine.reference, numeroVoisine, VOISINE.email, 'Zoé', 'Tartempion', AUTRE.email]) expect(r.contenu).not.toContain(etranger);
    });

    it('inscrit l’export au journal d’audit avec les numéros et des nombres, sans l’adresse', async () => {
      const { zebulon, numero } = await deuxPersonnes();
      await exporterDonnees(app.deps, RESPONSABLE, critere({ email: ZEBULON.email }));
      const ligne = await premiere(sql`select acteur, cible, details from journal_audit where action = 'donnees.export'`);
      expect(ligne).toMatchObject({ acteur: 'compte:3', cible: `${zebulon.reference},${numero}` });
      expect(JSON.parse(ligne.details!)).toMatchObject({ demandes: 1, reclamations: 1 });
      expect(JSON.stringify(ligne)).not.toContain('@');
    });

    it('répond « rien trouvé » sans rien auditer pour une adresse inconnue', async () => {
      await deuxPersonnes();
      expect(await exporterDonnees(app.deps, RESPONSABLE, critere({ email: 'inconnu@exemple.fr' }))).toEqual({ ok: false, erreur: 'RIEN_TROUVE' });
    });
  });

  describe('quand un responsable efface les données d’une personne', () => {
    async function effacerZebulon() {
      const dossiers = await deuxPersonnes();
      const c = critere({ email: ZEBULON.email });
      const r = await effacerDonnees(app.deps, RESPONSABLE, c, empreinteDesDonnees(await donneesDeLaPersonne(app.deps.db, c)));
      return { ...dossiers, r };
    }

    it('ne laisse ni son prénom ni son téléphone dans aucune colonne d’aucune table, ni son adresse exacte nulle part', async () => {
      const { r } = await effacerZebulon();
      expect(r).toMatchObject({ ok: true, demandes: 1, reclamations: 1, creneauxLiberes: 1, fichiers: 1 });
      for (const trace of ['Zébulon', '0698765432', '06 98 76 54 32']) expect(await ouApparaitSur(app.deps.db, trace)).toEqual([]);
      // La voisine porte le même nom et une adresse qui contient la sienne : ses lignes restent, et seulement elles.
      for (const [table, colonne] of [['demandes', 'email'], ['reclamations', 'email'], ['courriels_sortants', 'destinataire']] as const) {
        const avecAdresse = (email: string) => sql`select count(*) as n from ${sql.identifier(table)} where lower(${sql.identifier(colonne)}) = ${email}`;
        expect(await compter(avecAdresse(ZEBULON.email))).toBe(0);
        expect(await compter(avecAdresse(VOISINE.email))).toBeGreaterThan(0);
      }
    });

    it('efface tout quand la personne est seule : aucune trace nulle part', async () => {
      const { reference } = await uneDemandeDe(app, ZEBULON, '2026-11-30T09:00:00Z');
      await uneReclamationDe(app, ZEBULON);
      const c = critere({ email: ZEBULON.email });
      expect((await effacerDonnees(app.deps, RESPONSABLE, c, empreinteDesDonnees(await donneesDeLaPersonne(app.deps.db, c)))).ok).toBe(true);
      for (const trace of ['zebulon', 'quichotte', '0698765432', '98 76']) expect(await ouApparaitSur(app.deps.db, trace)).toEqual([]);
      expect(await depotRendezVous(app.deps.db).demandeParReference(reference)).toMatchObject({ statut: 'annulee', annuleeLe: '2026-11-23T09:00:00.000Z', creneauId: null });
    });

    it('fait cesser le lien privé qu’un courriel lui a envoyé', async () => {
      const { reference } = await uneDemandeDe(app, ZEBULON, '2026-11-30T09:00:00Z');
      const jeton = await jetonDuCourriel(app.deps, reference);
      expect((await lireSuivi(app.deps, jeton))?.demande.reference).toBe(reference);
      const c = critere({ email: ZEBULON.email });
      expect((await effacerDonnees(app.deps, RESPONSABLE, c, empreinteDesDonnees(await donneesDeLaPersonne(app.deps.db, c)))).ok).toBe(true);
      expect(await lireSuivi(app.deps, jeton)).toBeUndefined();
      expect(await compter(sql`select count(*) as n from liens_suivi`)).toBe(0);
    });

    it('rend libre le créneau réservé : une autre personne peut le prendre', async () => {
      const { zebulon, r } = await effacerZebulon();
      expect(r.ok).toBe(true);
      expect((await depotRendezVous(app.deps.db).creneau(zebulon.creneauId))!.statut).toBe('libre');
      const reponse = await posterDemande(app.api, uneDemandeDeRendezVous({ email: 'suivante@exemple.fr', creneauId: zebulon.creneauId }));
      expect(reponse.status).toBe(201);
    });

    it('annule les courriels pas encore partis et garde la trace des autres sans adresse ni contenu', async () => {
      const { zebulon } = await effacerZebulon();
      const courriels = await derniersCourrielsLisibles(app.deps, { reference: zebulon.reference });
      expect(courriels.length).toBeGreaterThan(0);
      for (const c of courriels) expect(c).toMatchObject({ statut: 'annule', destinataire: EFFACE, sujet: EFFACE, texte: EFFACE, html: EFFACE, piecesJointes: '[]' });
    });

    it('garde le squelette de la réclamation, supprime sa pièce jointe du disque, et laisse la voisine intacte', async () => {
      const dossiers = await deuxPersonnes();
      const depot = depotReclamations(app.deps.db);
      const piece = (await depot.pieces((await depot.parNumero(dossiers.numero))!.id))[0]!;
      const c = critere({ email: ZEBULON.email });
      await effacerDonnees(app.deps, RESPONSABLE, c, empreinteDesDonnees(await donneesDeLaPersonne(app.deps.db, c)));
      expect(existsSync(join(app.deps.dossierPiecesJointes, piece.chemin))).toBe(false);
      expect(await depot.parNumero(dossiers.numero)).toMatchObject({ statut: 'repondue', motif: 'delai-rendez-vous', dateReception: '2026-11-23', email: EFFACE });
      expect((await depot.evenements((await depot.parNumero(dossiers.numero))!.id)).map((e) => e.message)).toEqual([null, null]);
      expect(await depot.parNumero(dossiers.numeroVoisine)).toMatchObject({ email: VOISINE.email, prenom: 'Zoé' });
      expect(await depotRendezVous(app.deps.db).demandeParReference(dossiers.voisine.reference)).toMatchObject({ email: VOISINE.email, statut: 'ouverte' });
      expect(await depot.pieces((await depot.parNumero(dossiers.numeroVoisine))!.id)).toHaveLength(1);
    });

    it('inscrit l’effacement au journal d’audit (numéros et nombres) et rien de personnel au journal du serveur', async () => {
      const { zebulon, numero } = await effacerZebulon();
      const ligne = await premiere(sql`select acteur, cible, details from journal_audit where action = 'donnees.effacement'`);
      expect(ligne).toMatchObject({ acteur: 'compte:3', cible: `${zebulon.reference},${numero}` });
      expect(JSON.parse(ligne.details!)).toMatchObject({ demandes: 1, reclamations: 1, creneauxLiberes: 1, fichiers: 1 });
      const journal = app.journal.lignes.join('\n');
      expect(journal).toContain('donnees.effacement');
      for (const trace of ['@', 'Quichotte', 'Zébulon', '0698765432']) expect(journal).not.toContain(trace);
    });

    it('refuse sans rien changer si les données ont changé depuis le récapitulatif', async () => {
      await deuxPersonnes();
      const c = critere({ email: ZEBULON.email });
      const vue = empreinteDesDonnees(await donneesDeLaPersonne(app.deps.db, c));
      await uneDemandeDe(app, ZEBULON, '2026-12-03T09:00:00Z');
      expect(await effacerDonnees(app.deps, RESPONSABLE, c, vue)).toEqual({ ok: false, erreur: 'DONNEES_MODIFIEES' });
      expect((await donneesDeLaPersonne(app.deps.db, c)).demandes).toHaveLength(2);
      expect(await compter(sql`select count(*) as n from journal_audit where action = 'donnees.effacement'`)).toBe(0);
    });

    it('ne trouve plus rien ensuite : un second effacement répond « rien trouvé »', async () => {
      await effacerZebulon();
      const c = critere({ email: ZEBULON.email });
      expect(await effacerDonnees(app.deps, RESPONSABLE, c, empreinteDesDonnees(await donneesDeLaPersonne(app.deps.db, c)))).toEqual({ ok: false, erreur: 'RIEN_TROUVE' });
    });
  });
});
