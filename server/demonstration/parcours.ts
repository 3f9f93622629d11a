import { randomBytes } from 'node:crypto';
import { tables } from '../../db/moteur.ts';
import { depotConseillers } from '../conseiller/repository.ts';
import { hacherMotDePasse } from '../conseiller/mot-de-passe.ts';
import { derniersCourriels, marquerEnvoye } from '../courriel/repository.ts';
import { composer, sansSecrets } from '../courriel/composition.ts';
import { ajouterJours } from '../calendrier/dates.ts';
import type { Dependances } from '../dependances.ts';
import { renseignerDonneesUo1 } from '../parcours/donnees.ts';
import { abandonnerUoEchues } from '../parcours/echeances.ts';
import { redigerLivrable } from '../parcours/livrables.ts';
import { depotParcours } from '../parcours/repository.ts';
import { ouvrirDossier } from '../parcours/dossiers.ts';
import { ajouterInteraction, engager, renseignerUo2 } from '../parcours/service.ts';
import { confirmerSignature, demanderCodeSignature, signerParLeConseiller } from '../parcours/signature.ts';
import { dateAParis } from '../calendrier/fuseaux.ts';

/** Ce qu'un résultat de cas d'usage doit être ici : réussi, sinon la démonstration est fausse et on s'arrête. */
function reussi<T extends { ok: boolean }>(r: T, quoi: string): Extract<T, { ok: true }> {
  if (!r.ok) throw new Error(`Démonstration du parcours : ${quoi} refusé (${JSON.stringify(r)})`);
  return r as Extract<T, { ok: true }>;
}

/** Vrai tant qu'aucun dossier n'existe : la démonstration du parcours n'écrit que dans une base sans dossier. */
export const parcoursDeDemonstrationAAmorcer = async (deps: Pick<Dependances, 'db'>): Promise<boolean> => {
  const { dossiers } = tables(deps.db);
  return (await deps.db.select({ id: dossiers.id }).from(dossiers).limit(1)).length === 0;
};

/**
 * Des personnes fictives à chaque étape du parcours, avec des événements étalés sur les dernières semaines jusqu'à hier,
 * écrits par les vrais cas d'usage (horloge avancée d'événement en événement) : UO 1 en cours et UO 1 signée, UO 2.1 avec
 * projet signé et liste neutre, UO 2.2 en cours, UO 2.1 proche de son échéance, et un abandon. Seulement si aucun dossier
 * n'existe. Les codes de signature sont « envoyés » par la démonstration elle-même (aucune boîte réelle ne les reçoit).
 */
export async function amorcerParcoursDeDemonstration(deps: Dependances): Promise<void> {
  if (!(await parcoursDeDemonstrationAAmorcer(deps))) return;
  const comptes = depotConseillers(deps.db);
  const existant = await comptes.compteParIdentifiant('referente.demo@exemple.invalid');
  // Un compte sans mot de passe connu : il ne sert qu'à nommer la référente des dossiers fictifs.
  const referente =
    existant ??
    (await comptes.creerCompte({
      identifiant: 'referente.demo@exemple.invalid',
      nomAffiche: 'Alix Référente (démonstration)',
      role: 'conseiller',
      motDePasse: await hacherMotDePasse(randomBytes(24).toString('base64url')),
    }));
  const aujourdHui = dateAParis(deps.maintenant());
  const jour = (il: number) => ajouterJours(aujourdHui, -il);
  const a = (il: number, heure = '10:00') => ({ ...deps, maintenant: () => new Date(`${jour(il)}T${heure}:00Z`) });
  const personne = async (prenom: string, nom: string) =>
    (reussi(
      await ouvrirDossier(a(180), referente, {
        nom: `${nom} (démonstration)`,
        prenom,
        email: `${prenom.toLowerCase()}.${nom.toLowerCase()}@exemple.invalid`,
        commune: '75111',
        statut: 'salarie_prive',
        modeContact: 'presentiel',
      }),
      'dossier',
    )).dossier;
  const signer = async (il: number, livrableId: number, dossierId: number) => {
    reussi(await signerParLeConseiller(a(il, '09:00'), referente, livrableId), 'signature du conseiller');
    reussi(await demanderCodeSignature(a(il, '09:05'), dossierId, livrableId), 'demande de code');
    const enFile = (await derniersCourriels(deps.db)).find((c) => c.categorie === 'parcours.code-signature' && c.statut === 'en-attente')!;
    const courriel = (await composer(a(il, '09:06'), enFile, 'envoi'))!;
    await marquerEnvoye(deps.db, enFile.id, `${jour(il)}T09:06:00.000Z`, { ...sansSecrets(courriel), piecesJointes: courriel.piecesJointes });
    const code = /: (\d{6})/.exec(courriel.texte)![1]!;
    const empreinte = (await depotParcours(deps.db).livrable(livrableId))!.empreinte!;
    reussi(
      await confirmerSignature(a(il, '09:10'), dossierId, livrableId, { mention: 'Lu et approuvé', code, empreinte }),
      'signature de la personne',
    );
  };
  const etat = {
    analyseSituation: 'Situation fictive de démonstration : salariée en logistique, envie d’évoluer.',
    informationsEchangees: 'Présentation du CEP, du CPF et des dispositifs de reconversion.',
    decision: 'poursuivre',
    prochainesEtapes: {
      operateur: 'Avenir Actifs',
      contenus: 'Construire le projet',
      objectifs: 'Choisir un métier cible',
      modalites: 'Entretiens en visio',
    },
  };
  const projet = {
    projet: 'Projet fictif : devenir assistante ressources humaines.',
    analyse: 'Compétences transférables : organisation, relation aux équipes.',
    informationsPartagees: 'Marché régional, certifications, financement CPF et PTP.',
    planActions: 'Bilan de compétences puis formation certifiante.',
    prestationsSouhaitees: [{ prestation: 'bilan-de-competences' }],
    souhaitAppuiMiseEnOeuvre: true,
  };

  // UO 1 en cours, données de l'annexe 2 remplies par la personne avant son rendez-vous.
  const camille = await personne('Camille', 'Exemple');
  reussi(
    await renseignerDonneesUo1(a(22), 'beneficiaire', camille.id, {
      sexe: 'F',
      niveauFormation: '4',
      secteurActivite: 'H',
      libelleProfession: 'Préparatrice de commandes',
    }),
    'données',
  );
  const uoCamille = (reussi(await engager(a(20), referente, camille.id, { uo: '01', date: jour(20) }), 'UO 1')).uo;
  reussi(
    await ajouterInteraction(a(15), referente, uoCamille.id, { date: jour(15), mode: 'visio', dureeMinutes: 60, aLInitiativeDeLaPersonne: true }),
    'interaction',
  );

  // UO 1 close par la signature de l'état des lieux.
  const dominique = await personne('Dominique', 'Exemple');
  const uoDominique = (reussi(await engager(a(40), referente, dominique.id, { uo: '01', date: jour(40) }), 'UO 1')).uo;
  reussi(await ajouterInteraction(a(35), referente, uoDominique.id, { date: jour(35), mode: 'presentiel', dureeMinutes: 90 }), 'interaction');
  await signer(30, (reussi(await redigerLivrable(a(31), referente, uoDominique.id, etat), 'état des lieux')).livrable.id, dominique.id);

  // UO 2.1 close par la signature du projet, avec la liste neutre ; puis UO 2.2 en cours.
  const morgan = await personne('Morgan', 'Exemple');
  const uo21 = (reussi(await engager(a(70), referente, morgan.id, { uo: '21', date: jour(70), referentId: referente.id }), 'UO 2.1')).uo;
  reussi(
    await renseignerUo2(a(60), referente, uo21.id, {
      typesService: ['investigation-metiers'],
      prestationsComplementaires: ['bilan-de-competences'],
      autoPrescription: false,
    }),
    'données UO 2',
  );
  await signer(40, (reussi(await redigerLivrable(a(41), referente, uo21.id, projet), 'projet')).livrable.id, morgan.id);
  reussi(await engager(a(35), referente, morgan.id, { uo: '22', date: jour(35) }), 'UO 2.2');

  // UO 2.1 close par la signature du projet, sans suite pour l'instant.
  const sacha = await personne('Sacha', 'Exemple');
  const uoSacha = (reussi(await engager(a(50), referente, sacha.id, { uo: '21', date: jour(50), referentId: referente.id }), 'UO 2.1')).uo;
  await signer(10, (reussi(await redigerLivrable(a(12), referente, uoSacha.id, projet), 'projet')).livrable.id, sacha.id);

  // UO 2.1 proche de son échéance : elle apparaît « à risque » dans la file des conseillers.
  const noa = await personne('Noa', 'Exemple');
  reussi(await engager(a(175), referente, noa.id, { uo: '21', date: jour(175), referentId: referente.id }), 'UO 2.1');

  // Un abandon : UO 1 engagée il y a plus de deux mois, sans nouvelle ; le travail quotidien l'a close hier.
  const eden = await personne('Eden', 'Exemple');
  reussi(await engager(a(70), referente, eden.id, { uo: '01', date: jour(70) }), 'UO 1');
  await abandonnerUoEchues(a(1, '01:00'));
  deps.journal.info('demonstration.parcours', { dossiers: 6 });
}
