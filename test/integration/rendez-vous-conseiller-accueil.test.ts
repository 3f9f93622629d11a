import { desc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tables } from '../../db/moteur.ts';
import { creerCompte } from '../../server/conseiller/service.ts';
import type { ConseillerConnecte } from '../../server/conseiller/service.ts';
import { passerLaPorte } from '../../server/http/porte.ts';
import { REGLES_ESPACE_CONSEILLER } from '../../server/conseiller/porte.ts';
import { lignesUo } from '../../server/export/lignes-uo.ts';
import { convocation } from '../../server/rendez-vous/convocation.ts';
import { pageCode, REGLES_CODE_SUIVI } from '../../server/rendez-vous/page-code.ts';
import { pageNouvelleDemande } from '../../server/rendez-vous/page-nouvelle-demande.ts';
import { depotIndicateursDemandes } from '../../server/indicateurs-pilotage/repository.ts';
import { courrielsDeLaBoite } from '../../server/rendez-vous/page-courriels.ts';
import { enregistrerPremierEchange } from '../../server/rendez-vous/file-d-attente.ts';
import { deplacerRendezVous } from '../../server/rendez-vous/service.ts';
import { ajouterLienVisio } from '../../server/rendez-vous/visio.ts';
import { pageSuiviDemande } from '../../server/rendez-vous/page-suivi.ts';
import { uneAppDeTestSur, type AppDeTest } from '../fixtures/app.ts';
import { MOTEURS } from '../fixtures/deux-moteurs.ts';
import { desCreneaux, jetonDuCourriel, posterDemande, uneDemandeDeRendezVous } from '../fixtures/rendez-vous.ts';
import { lirePdfAvecPdfJs } from '../fixtures/pdf-structure.ts';
import { toutes } from '../fixtures/export.ts';

describe.each(MOTEURS)('le conseiller à l’accueil des demandes (%s)', (moteur) => {
  // Mercredi 25 novembre 2026, 10 h à Paris.
  let app: AppDeTest;
  let deps: AppDeTest['deps'];
  beforeAll(async () => {
    app = await uneAppDeTestSur(moteur, { maintenant: '2026-11-25T09:00:00Z' });
    deps = app.deps;
  });
  afterAll(() => app?.fermer());

  let conseiller: ConseillerConnecte;
  const leConseiller = async () => {
    if (conseiller) return conseiller;
    const r = await creerCompte(deps, {
      identifiant: 'accueil@exemple.fr',
      nomAffiche: 'Accueil',
      role: 'conseiller',
      motDePasse: 'un mot de passe assez long',
    });
    if (!r.ok) throw new Error(r.erreur);
    return (conseiller = { id: r.compte.id, identifiant: 'accueil@exemple.fr', nomAffiche: 'Accueil', role: 'conseiller', jetonCsrf: 'x' });
  };

  /** Un envoi de formulaire passé par une porte, comme la page le fait. */
  const envoi = (champs: Record<string, string>, regles = REGLES_ESPACE_CONSEILLER) => {
    const r = new Request('http://localhost/', {
      method: 'POST',
      body: new URLSearchParams(champs).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    return passerLaPorte(
      deps,
      { methode: 'POST', adresse: '203.0.113.8', typeContenu: r.headers.get('content-type'), longueur: null, corps: r.body },
      regles,
    );
  };

  const saisie = (s: Record<string, string> = {}) => ({
    canal: 'telephone',
    dateContact: '2026-11-23',
    nom: 'Durand',
    prenom: 'Paul',
    email: '',
    telephone: '+33 6 11 22 33 44',
    commune: 'Bobigny',
    situation: 'retraite',
    enEmploi: 'oui',
    accompagnementEnCours: 'aucun',
    motif: 'competences',
    modalite: 'telephone',
    creneau: 'rappel',
    consentement: 'oui',
    ...s,
  });

  const ligne = async (reference: string) =>
    (await deps.db.select().from(tables(deps.db).demandes)).find((d) => d.reference === reference)!;
  const lesCourriels = () => deps.db.select().from(tables(deps.db).courrielsSortants);
  const nombreDeDemandes = async () => (await deps.db.select().from(tables(deps.db).demandes)).length;

  describe('un conseiller crée une première demande pour une personne', () => {
    it('sans adresse, par téléphone : même série de numéros, délai compté du jour de l’appel, canal enregistré, aucun courriel', async () => {
      const avant = (await lesCourriels()).length;
      const vue = await pageNouvelleDemande(deps, await leConseiller(), await envoi(saisie()));
      expect(vue.echec).toBeUndefined();
      const reference = /rendez-vous\/(\d{14})\?creee=1$/.exec(vue.redirection ?? '')?.[1];
      expect(reference).toMatch(/^01261100\d{6}$/);
      // 30 jours ouvrés après le lundi 23 novembre (jour de l'appel), pas après le 25 (jour de la saisie).
      expect(await ligne(reference!)).toMatchObject({
        dateDemande: '2026-11-23',
        echeance: '2027-01-06',
        modeContact: 'telephone',
        email: '',
        telephone: '0611223344',
        creeParCompteId: conseiller.id,
      });
      expect((await lesCourriels()).length).toBe(avant);
      // La dernière trace : par identifiant décroissant, l'ordre des lignes sans `order by` n'étant promis par aucun moteur.
      const { journalAudit } = tables(deps.db);
      const [audit] = await deps.db.select().from(journalAudit).orderBy(desc(journalAudit.id)).limit(1);
      expect(audit).toMatchObject({ action: 'rendez-vous.creation-pour-la-personne', cible: reference });
    });
    it('avec une adresse, au guichet : la personne reçoit le courriel habituel', async () => {
      const vue = await pageNouvelleDemande(
        deps,
        await leConseiller(),
        await envoi(saisie({ canal: 'presentiel', email: 'paul@exemple.fr', dateContact: '2026-11-25' })),
      );
      const reference = /rendez-vous\/(\d{14})/.exec(vue.redirection ?? '')![1]!;
      expect((await ligne(reference)).modeContact).toBe('presentiel');
      const courriels = (await lesCourriels()).filter((c) => c.reference === reference);
      expect(courriels.map((c) => [c.categorie, c.destinataire])).toEqual([['rendez-vous.confirmation', 'paul@exemple.fr']]);
    });
    it('refuse un canal manquant et une date future, sans rien créer', async () => {
      const avant = await nombreDeDemandes();
      const vue = await pageNouvelleDemande(deps, await leConseiller(), await envoi(saisie({ canal: '', dateContact: '2026-12-01' })));
      expect(vue.echec?.statut).toBe(400);
      expect(vue.echec?.erreurs.map((e) => e.champ)).toEqual(expect.arrayContaining(['canal', 'dateContact']));
      expect(await nombreDeDemandes()).toBe(avant);
    });
    it('une commune ambiguë (« 75011 ») fait proposer les communes qui correspondent, sans rien créer ; la commune choisie est prise', async () => {
      const avant = await nombreDeDemandes();
      const vue = await pageNouvelleDemande(deps, await leConseiller(), await envoi(saisie({ commune: '75011' })));
      expect(vue.echec?.erreurs.map((e) => e.champ)).toContain('commune');
      expect(vue.choixCommunes?.map((c) => c.code)).toEqual(expect.arrayContaining(['75056', '75111']));
      expect(vue.choixCommunes?.find((c) => c.code === '75111')?.libelle).toMatch(/^Paris 11e Arrondissement \(75\) – 75011/);
      expect(await nombreDeDemandes()).toBe(avant);
      // La commune choisie dans la liste est prise (le canal manque exprès : rien n'est créé, l'erreur ne porte que sur lui).
      const choisie = await pageNouvelleDemande(
        deps,
        await leConseiller(),
        await envoi(saisie({ commune: '75011', communeCode: '75111', canal: '' })),
      );
      expect(choisie.choixCommunes).toBeUndefined();
      expect(choisie.echec?.erreurs.map((e) => e.champ)).toEqual(['canal']);
      expect(choisie.saisie.commune).toBe('Paris 11e Arrondissement (75)');
      expect(await nombreDeDemandes()).toBe(avant);
    });
    it('dit où orienter une personne déjà accompagnée par l’Apec, sans rien créer', async () => {
      const vue = await pageNouvelleDemande(deps, await leConseiller(), await envoi(saisie({ accompagnementEnCours: 'apec' })));
      expect(vue.orientation?.redirection.operateur).toBe('apec');
      expect(vue.redirection).toBeUndefined();
    });
    it('compte le mode de contact dans les indicateurs et l’export quotidien', async () => {
      const parMode = await depotIndicateursDemandes(deps.db).parModeContact({ debut: '2026-11-01', fin: '2026-11-30' });
      expect(JSON.stringify(parMode)).toContain('telephone');
      // Annexe 2 §2 : le mode de contact de l'UO 0 est une colonne du fichier des UO (une ligne `00` par demande).
      const exportees = (await toutes(lignesUo(deps.db, '2026-11-25'))).filter((l) => l.uo === '00' && l.numeroDossier !== null);
      expect(exportees.map((l) => l.modesContact).sort()).toEqual(['presentiel', 'telephone']);
    });
  });

  describe('la convocation imprimée', () => {
    it('est un PDF balisé en français avec le rendez-vous, le téléphone, le code court qui mène au lien privé, et le médiateur', async () => {
      const vue = await pageNouvelleDemande(deps, await leConseiller(), await envoi(saisie({ dateContact: '2026-11-25' })));
      const reference = /rendez-vous\/(\d{14})/.exec(vue.redirection ?? '')![1]!;
      const fait = (await convocation(deps, reference))!;
      const pdf = await lirePdfAvecPdfJs(fait.pdf);
      expect(pdf.balise).toBe(true);
      expect(pdf.langue).toBe('fr-FR');
      expect(pdf.pages[0]!.roles).toEqual(expect.arrayContaining(['H1', 'H2', 'P']));
      expect(pdf.texte).toContain(deps.deploiement.editeur.telephone);
      expect(pdf.texte).toContain('médiateur de France compétences');
      expect(pdf.texte).toContain('/rendez-vous/code');
      const code = /\b([0-9A-Z]{5}-[0-9A-Z]{5})\b/.exec(pdf.texte)?.[1];
      expect(code).toBeDefined();
      const suivi = await pageCode(deps, await envoi({ code: code! }, REGLES_CODE_SUIVI));
      expect(suivi.redirection).toMatch(/^\/rendez-vous\/suivi\//);
      // Réimprimer : un code neuf, l'ancien ne sert plus.
      await convocation(deps, reference);
      expect((await pageCode(deps, await envoi({ code: code! }, REGLES_CODE_SUIVI))).echec?.statut).toBe(404);
    });
  });

  describe('la boîte d’envoi de l’espace conseiller', () => {
    it('dit pourquoi un courriel ne part pas, sans prétendre que le dossier a été annulé', async () => {
      const [premier, second] = await desCreneaux(deps, [{ debut: '2026-12-10T09:00:00Z' }, { debut: '2026-12-11T09:00:00Z' }]);
      const reponse = await posterDemande(app.api, uneDemandeDeRendezVous({ creneauId: premier, email: 'boite@exemple.fr' }));
      const { reference } = (await reponse.json()) as { reference: string };
      const r = await deplacerRendezVous(deps, await jetonDuCourriel(deps, reference), second!);
      expect(r.ok).toBe(true);
      const avant = await courrielsDeLaBoite(deps, reference);
      const rappelAnnule = avant.find((c) => c.categorie === 'rendez-vous.rappel' && c.statut === 'annule')!;
      expect(rappelAnnule.texte).toBe('Non envoyé : le rendez-vous a été déplacé ; un rappel pour le nouveau créneau le remplace.');
      expect(
        (
          await enregistrerPremierEchange(deps, await leConseiller(), reference, {
            date: '2026-11-25',
            canal: 'telephone',
            compteId: conseiller.id,
          })
        ).ok,
      ).toBe(true);
      const apres = await courrielsDeLaBoite(deps, reference);
      const rappelEnAttente = apres.find((c) => c.categorie === 'rendez-vous.rappel' && c.statut === 'en-attente')!;
      expect(rappelEnAttente.texte).toBe('Non envoyé : le premier échange a eu lieu avant l’envoi.');
      expect(apres.map((c) => c.texte).join('\n')).not.toContain('annulé, réorienté ou effacé');
    });
  });

  describe('le lien d’un rendez-vous en visioconférence', () => {
    it('le conseiller l’ajoute : il est gardé, envoyé par courriel et montré sur le lien privé', async () => {
      const [id] = await desCreneaux(deps, [{ debut: '2026-12-14T09:00:00Z', modalite: 'visio' }]);
      const reponse = await posterDemande(app.api, uneDemandeDeRendezVous({ creneauId: id, modalite: 'visio', email: 'visio@exemple.fr' }));
      const { reference } = (await reponse.json()) as { reference: string };
      const moi = await leConseiller();
      expect(await ajouterLienVisio(deps, moi, reference, 'http://visio.exemple.fr/salle')).toMatchObject({
        ok: false,
        champ: 'lienVisio',
      });
      expect(await ajouterLienVisio(deps, moi, reference, 'javascript:alert(1)')).toMatchObject({ ok: false, champ: 'lienVisio' });
      expect(await ajouterLienVisio(deps, moi, reference, 'https://visio.exemple.fr/salle-123')).toEqual({ ok: true, envoye: true });
      expect((await ligne(reference)).lienVisio).toBe('https://visio.exemple.fr/salle-123');
      const courriel = (await lesCourriels()).find((c) => c.reference === reference && c.categorie === 'rendez-vous.lien-visio')!;
      expect(courriel.texte).toContain('https://visio.exemple.fr/salle-123');
      expect(courriel.destinataire).toBe('visio@exemple.fr');
      const suivi = await pageSuiviDemande(deps, await jetonDuCourriel(deps, reference), new URLSearchParams(), undefined);
      expect(suivi.suivi?.demande.lienVisio).toBe('https://visio.exemple.fr/salle-123');
    });
    it('refuse un lien pour un rendez-vous qui n’est pas en visioconférence', async () => {
      const [id] = await desCreneaux(deps, [{ debut: '2026-12-15T09:00:00Z' }]);
      const reponse = await posterDemande(app.api, uneDemandeDeRendezVous({ creneauId: id, email: 'pasvisio@exemple.fr' }));
      const { reference } = (await reponse.json()) as { reference: string };
      expect(await ajouterLienVisio(deps, await leConseiller(), reference, 'https://visio.exemple.fr/x')).toMatchObject({
        ok: false,
        champ: 'lienVisio',
      });
    });
  });
});
