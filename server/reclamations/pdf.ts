import { nouveauDocumentPdf } from '../pdf/document.ts';
import { paragrapheMediateur } from '../courriel/modele.ts';
import type { Deploiement } from '../deploiement/schema.ts';
import { dateLongue, instantLong } from '../calendrier/formats.ts';
import { LIBELLES_EVENEMENTS } from './historique.ts';
import { EFFACE } from '../../db/donnees-personnelles.ts';
import { dateAParis } from '../calendrier/fuseaux.ts';
import { pdfBalise } from '../pdf/balise.ts';
import { versWinAnsi } from '../pdf/win-ansi.ts';
import { mediateurSansReponseDes, peutSaisirLeMediateur } from './mediateur.ts';
import type { Reclamation } from './repository.ts';
import { MOTIFS, STATUTS } from './schema.ts';
import type { DossierReclamation } from './service.ts';

/**
 * Le document de la réclamation et de ses échanges, à joindre à une demande au médiateur de France compétences.
 * Il porte, comme chaque courrier, l'existence et le rôle du médiateur (cahier des charges §3.7).
 */
export function pdfDesEchanges(deploiement: Deploiement, dossier: DossierReclamation, maintenant: Date): Promise<Buffer> {
  const { reclamation: r, evenements, pieces } = dossier;
  const doc = nouveauDocumentPdf({
    size: 'A4',
    margin: 56,
    lang: 'fr-FR',
    info: { Title: `Réclamation ${r.numero}`, Author: deploiement.editeur.nom },
  });
  const morceaux: Buffer[] = [];
  doc.on('data', (m: Buffer) => morceaux.push(m));
  const fini = new Promise<Buffer>((resoudre) => doc.on('end', () => resoudre(Buffer.concat(morceaux))));
  const ecrire = (texte: string, options: { gras?: boolean; taille?: number; espace?: number } = {}) => {
    doc
      .font(options.gras ? 'Helvetica-Bold' : 'Helvetica')
      .fontSize(options.taille ?? 10.5)
      .text(versWinAnsi(texte));
    doc.moveDown(options.espace ?? 0.3);
  };

  ecrire(deploiement.editeur.nom, { gras: true, espace: 0 });
  ecrire([...deploiement.editeur.adresse, `${deploiement.editeur.telephone} · ${deploiement.editeur.courriel}`].join('\n'), {
    taille: 9,
    espace: 1,
  });
  ecrire(`Réclamation ${r.numero} : historique des échanges`, { gras: true, taille: 16, espace: 0.2 });
  ecrire(`Document établi le ${instantLong(maintenant.toISOString())}.`, { taille: 9, espace: 1 });

  ecrire('La réclamation', { gras: true, taille: 12 });
  ecrire(
    [
      `De : ${r.prenom} ${r.nom}`,
      `Reçue le : ${dateLongue(r.dateReception)}`,
      `Motif : ${MOTIFS[r.motif]}`,
      ...(r.referenceDossier ? [`Dossier : ${r.referenceDossier}`] : []),
      `Accusé de réception dû au plus tard le : ${dateLongue(r.accuseReceptionAvant)}`,
      `Réponse due au plus tard le : ${dateLongue(r.reponseAvant)}`,
      `État : ${STATUTS[r.statut]}`,
      ...(pieces.length > 0 ? [`Pièces jointes : ${pieces.map((p) => p.nom).join(', ')}`] : []),
    ].join('\n'),
    { espace: 1 },
  );

  ecrire('Les échanges', { gras: true, taille: 12 });
  for (const e of evenements) {
    ecrire(
      `${instantLong(e.horodatage)} · ${LIBELLES_EVENEMENTS[e.type]} · ${e.auteur === 'usager' ? `${r.prenom} ${r.nom}` : deploiement.editeur.nom}`,
      { gras: true, taille: 10, espace: 0.1 },
    );
    if (e.message) ecrire(e.message, { espace: 0.6 });
    else doc.moveDown(0.5);
  }

  doc.moveDown(0.5);
  ecrire('Le médiateur de France compétences', { gras: true, taille: 12 });
  const decision = peutSaisirLeMediateur(r, maintenant);
  ecrire(decision.explication);
  if (decision.possible) ecrire(`À joindre à votre demande :\n${decision.aJoindre.map((l) => `- ${l}`).join('\n')}`);
  ecrire(paragrapheMediateur(deploiement.mediateur), { taille: 9 });
  doc.end();
  return fini;
}

/**
 * La lettre d'accusé de réception d'une réclamation reçue par courrier, quand la personne n'a pas donné d'adresse
 * électronique : à imprimer et poster. PDF balisé (titres, paragraphes, langue), qui dit les deux échéances, le numéro
 * pour nous appeler, et le médiateur de France compétences avec le jour où il peut être saisi sans réponse
 * (`mediateurSansReponseDes`, le même que le courriel et la page de suivi).
 */
export function pdfAccuseCourrier(deploiement: Deploiement, r: Reclamation, maintenant: Date): Buffer {
  const { editeur } = deploiement;
  const { bloc, terminer } = pdfBalise({
    Title: `Accusé de réception de votre réclamation ${r.numero}`,
    Author: editeur.nom,
    Subject: 'Réclamation reçue par courrier',
    CreationDate: maintenant,
  });
  bloc('P', [editeur.nom, ...editeur.adresse, `${editeur.telephone} · ${editeur.courriel}`].join('\n'), { taille: 9 });
  bloc('P', [`${r.prenom} ${r.nom}`, ...(r.adressePostale ? [r.adressePostale] : [])].join('\n'), { espace: 1 });
  bloc('P', `Le ${dateLongue(dateAParis(maintenant))}`, { espace: 1 });
  bloc('H1', 'Accusé de réception de votre réclamation');
  bloc('P', `Numéro de la réclamation : ${r.numero}`, { gras: true });
  bloc(
    'P',
    `${r.prenom === EFFACE ? 'Madame, Monsieur' : `Bonjour ${r.prenom} ${r.nom}`},\n\nNous avons bien reçu votre lettre le ${dateLongue(r.dateReception)}. ` +
      `Votre réclamation (motif : ${MOTIFS[r.motif].toLowerCase()}) est enregistrée sous le numéro ${r.numero} : rappelez-le si vous nous écrivez ou nous appelez.`,
  );
  bloc('P', `Nous vous répondrons par courrier au plus tard le ${dateLongue(r.reponseAvant)}.`);
  bloc('P', `Une question ? Appelez-nous au ${editeur.telephone}.`);
  bloc('H2', 'Le médiateur de France compétences');
  bloc(
    'P',
    `Si notre réponse ne vous satisfait pas, ou sans réponse de notre part à partir du ${dateLongue(mediateurSansReponseDes(r))}, ` +
      'vous pouvez saisir gratuitement le médiateur de France compétences, tiers indépendant.',
  );
  bloc('P', paragrapheMediateur(deploiement.mediateur), { taille: 9 });
  bloc('P', `${editeur.nom}`, { espace: 0 });
  return terminer();
}
