import { paragrapheMediateur } from '../courriel/modele.ts';
import type { Dependances } from '../dependances.ts';
import { dateLongue } from '../calendrier/formats.ts';
import { pdfBalise } from '../pdf/balise.ts';
import { afficherCreneau, lieuDuRendezVous } from './creneau-lisible.ts';
import { codeCourt, empreinteCode, nouveauJeton } from './jeton.ts';
import { numeroLisible } from './numero-dossier.ts';
import { depotRendezVous } from './repository.ts';
import { LIBELLES_MODALITE } from './schema.ts';
import { siteParId } from './service.ts';

/**
 * La convocation imprimée d'une demande, pour une personne sans adresse électronique (ou qui la préfère sur papier) :
 * le rendez-vous, comment le déplacer ou l'annuler par téléphone, le lien privé en code court à taper sur
 * /rendez-vous/code, le médiateur. PDF balisé (titres, paragraphes, listes ; langue fr-FR) comme les livrables.
 * Chaque impression tire un code neuf et remplace l'empreinte gardée : l'ancien code ne sert plus. Rien d'autre n'est écrit.
 * @returns les octets du PDF, ou `undefined` pour une demande inconnue, close, ou hors des lots servis.
 */
export async function convocation(
  deps: Pick<Dependances, 'db' | 'deploiement' | 'maintenant' | 'urlPublique'>,
  reference: string,
): Promise<{ pdf: Buffer; reference: string } | undefined> {
  const depot = depotRendezVous(deps.db);
  const demande = await depot.demandeParReference(reference);
  if (!demande || demande.statut !== 'ouverte' || !deps.deploiement.lots.includes(demande.lot)) return undefined;
  const creneau = demande.creneauId ? await depot.creneau(demande.creneauId) : undefined;
  const maintenant = deps.maintenant();
  const code = codeCourt(nouveauJeton(maintenant));
  await depot.poserEmpreinteCode(demande.id, empreinteCode(code), true);

  const { editeur } = deps.deploiement;
  const doc = pdfBalise({
    Title: `Convocation – dossier ${numeroLisible(demande.reference)}`,
    Author: editeur.nom,
    Subject: 'Premier rendez-vous de conseil en évolution professionnelle',
    CreationDate: maintenant,
  });
  doc.bloc('P', [editeur.nom, ...editeur.adresse, `Téléphone : ${editeur.telephone}`].join('\n'), { taille: 9, espace: 1 });
  doc.bloc('P', `${demande.prenom} ${demande.nom}`, { espace: 1 });
  doc.bloc('H1', 'Votre premier rendez-vous de conseil en évolution professionnelle');
  doc.bloc('P', `Dossier n° ${numeroLisible(demande.reference)}. Ce service est gratuit et confidentiel.`);
  doc.bloc('H2', 'Votre rendez-vous');
  if (creneau) {
    const site = siteParId(deps, creneau.site);
    doc.liste([`Quand : ${afficherCreneau(creneau).texte}`, `Où : ${lieuDuRendezVous(creneau.modalite, site)}`], 10.5);
  } else {
    doc.bloc(
      'P',
      `Un conseiller vous appellera pour fixer le rendez-vous avec vous (${LIBELLES_MODALITE[demande.modalite].toLowerCase()}).`,
    );
  }
  doc.bloc('P', `Quoi qu’il arrive, un premier échange aura lieu au plus tard le ${dateLongue(demande.echeance)}.`);
  doc.bloc('H2', 'Pour déplacer ou annuler');
  doc.bloc('P', `Appelez-nous au ${editeur.telephone} en donnant votre numéro de dossier.`);
  doc.bloc('P', `Ou, sur Internet, allez sur ${deps.urlPublique}/rendez-vous/code et tapez votre code :`);
  doc.bloc('P', code, { gras: true, taille: 18, espace: 0.3 });
  doc.bloc('P', 'Ce code est personnel : ne le donnez à personne. Il remplace tout code reçu avant.', { taille: 9.5 });
  doc.bloc('H2', 'Le médiateur de France compétences');
  doc.bloc('P', paragrapheMediateur(deps.deploiement.mediateur), { taille: 9.5 });
  return { pdf: doc.terminer(), reference: demande.reference };
}
