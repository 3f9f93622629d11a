import { createHash } from 'node:crypto';
import { paragrapheMediateur } from '../courriel/modele.ts';
import type { Deploiement } from '../deploiement/schema.ts';
import { dateLongue, instantLong } from '../calendrier/formats.ts';
import { pdfBalise, type Bloc } from '../pdf/balise.ts';
import { numeroLisible } from '../rendez-vous/numero-dossier.ts';
import { LIBELLES_UO, type Unite } from './schema.ts';

/** SHA-256 d'un document, en hexadécimal : ce que la preuve de signature garde du PDF exact. */
export const empreinteSha256 = (octets: Buffer) => createHash('sha256').update(octets).digest('hex');

/** Une prestation souhaitée et les organismes de la région qui la proposent, à la date de l'instantané. */
export interface ListeNeutrePrestation {
  prestation: string;
  libelle: string;
  specialite?: string;
  organismes: { numero: string; denomination: string; adresse: string; organismeDeLOperateur: boolean }[];
}

/** L'instantané daté de la liste neutre joint au projet professionnel (CCAP 19.3.4). */
export interface ListeNeutre {
  /** Instant UTC de l'instantané. */
  prisLe: string;
  /** Date des données de la liste des organismes (dernier import), si connue. */
  dateDonnees: string | null;
  region: string;
  prestations: ListeNeutrePrestation[];
}

/** Ce qu'un livrable imprime : en-tête, sections, liste neutre éventuelle. */
export interface DocumentLivrable {
  titre: string;
  personne: { nom: string; prenom: string };
  numero: string;
  uo: Unite;
  dateEngagement: string;
  version: number;
  /** Instant UTC qui date le document (celui de la signature du conseiller) : le même instant redonne le même fichier. */
  etabliLe: string;
  conseiller: string;
  sections: { titre: string; texte: string }[];
  listeNeutre?: ListeNeutre;
}

/** La preuve scellée dans le PDF final : empreinte du document signé, signataires, instants, canal du code. */
export interface Preuve {
  empreinte: string;
  conseiller: { nom: string; signeLe: string };
  beneficiaire:
    | { mode: 'electronique'; signeLe: string; mention: string; canal: string }
    | { mode: 'papier'; enregistreLe: string; scanEmpreinte: string; enregistrePar: string };
}

/**
 * Le PDF d'un livrable, balisé pour l'accessibilité (PDF 1.7 structuré, langue fr-FR, titre affiché) : titres, paragraphes
 * et listes dans l'arbre de structure. Déterministe : le même document et le même `etabliLe` donnent les mêmes octets.
 * Avec `scelle`, une page de preuve de signature est ajoutée et le PDF exact signé est joint au fichier
 * (`document-signe.pdf`), pour que chacun vérifie son SHA-256. Synchrone : pdfkit écrit tout dans son tampon.
 */
export function rendrePdfLivrable(
  deploiement: Pick<Deploiement, 'editeur' | 'mediateur' | 'nomService'>,
  document: DocumentLivrable,
  scelle?: { preuve: Preuve; original: Buffer },
): Buffer {
  const titre = `${document.titre} – dossier ${numeroLisible(document.numero)}`;
  const creation = scelle
    ? scelle.preuve.beneficiaire.mode === 'electronique'
      ? scelle.preuve.beneficiaire.signeLe
      : scelle.preuve.beneficiaire.enregistreLe
    : document.etabliLe;
  const { pdf, bloc, liste, terminer } = pdfBalise({
    Title: titre,
    Author: deploiement.editeur.nom,
    Subject: `${LIBELLES_UO[document.uo]} – conseil en évolution professionnelle`,
    CreationDate: new Date(creation),
  });

  bloc(
    'P',
    [deploiement.editeur.nom, ...deploiement.editeur.adresse, `${deploiement.editeur.telephone} · ${deploiement.editeur.courriel}`].join(
      '\n',
    ),
    { taille: 9, espace: 1 },
  );
  bloc('H1', document.titre);
  bloc(
    'P',
    [
      `Personne accompagnée : ${document.personne.prenom} ${document.personne.nom}`,
      `Dossier : ${numeroLisible(document.numero)} – ${LIBELLES_UO[document.uo]}`,
      `Engagement : ${dateLongue(document.dateEngagement)}`,
      `Conseiller ou conseillère : ${document.conseiller}`,
      `Version ${document.version}, établie le ${instantLong(document.etabliLe)}`,
    ].join('\n'),
    { espace: 1 },
  );
  for (const s of document.sections) {
    bloc('H2', s.titre);
    bloc('P', s.texte);
  }
  if (document.listeNeutre) ecrireListeNeutre(document.listeNeutre, bloc, liste);

  bloc('H2', 'Signatures');
  bloc(
    'P',
    'Ce document est signé par le conseiller ou la conseillère, puis par la personne accompagnée, qui y porte la mention « lu et approuvé » : ' +
      'à la main sur papier, ou en ligne par une signature électronique (article 1367 du Code civil) confirmée par un code à usage unique envoyé à son adresse électronique.',
  );
  bloc('P', 'Signature du conseiller ou de la conseillère :\n\n\nMention « lu et approuvé » et signature de la personne accompagnée :\n\n');
  bloc('H2', 'Le médiateur de France compétences');
  bloc('P', paragrapheMediateur({ ...deploiement.mediateur }), { taille: 9 });

  if (scelle) {
    pdf.addPage();
    ecrirePreuve(scelle.preuve, bloc);
    pdf.file(scelle.original, {
      name: 'document-signe.pdf',
      type: 'application/pdf',
      description: `Le document exact présenté à la signature (SHA-256 ${scelle.preuve.empreinte})`,
      creationDate: new Date(scelle.preuve.conseiller.signeLe),
    });
  }
  return terminer();
}

function ecrireListeNeutre(l: ListeNeutre, bloc: Bloc, liste: (lignes: string[], taille?: number) => void) {
  bloc('H2', 'Organismes de la région pour les prestations souhaitées');
  bloc(
    'P',
    `Vous choisissez librement l’organisme. Voici tous les organismes de la région ${l.region} qui proposent chaque prestation souhaitée, ` +
      `par ordre alphabétique (liste arrêtée le ${instantLong(l.prisLe)}${l.dateDonnees ? `, données publiques du ${dateLongue(l.dateDonnees)}` : ''}). ` +
      'Les organismes qui appartiennent à notre structure sont signalés.',
    { taille: 9.5 },
  );
  for (const p of l.prestations) {
    bloc(
      'H3',
      `${p.libelle}${p.specialite ? ` (spécialité ${p.specialite})` : ''} : ${p.organismes.length} organisme${p.organismes.length > 1 ? 's' : ''}`,
    );
    if (p.organismes.length === 0)
      bloc('P', 'Aucun organisme de la région n’est répertorié pour cette prestation à cette date.', { taille: 9.5 });
    else
      liste(
        p.organismes.map((o) => `${o.denomination}${o.organismeDeLOperateur ? ' (organisme de notre structure)' : ''} – ${o.adresse}`),
        8.5,
      );
  }
}

function ecrirePreuve(preuve: Preuve, bloc: Bloc) {
  bloc('H1', 'Preuve de signature');
  bloc(
    'P',
    'Cette page est ajoutée au document une fois signé. Elle ne modifie pas le document signé, joint tel quel à ce fichier (pièce jointe « document-signe.pdf »).',
  );
  bloc('H2', 'Document signé');
  bloc('P', `Empreinte SHA-256 du document signé :\n${preuve.empreinte}`);
  bloc('H2', 'Signature du conseiller ou de la conseillère');
  bloc('P', `${preuve.conseiller.nom}, le ${instantLong(preuve.conseiller.signeLe)} (heure de Paris ; ${preuve.conseiller.signeLe} UTC).`);
  bloc('H2', 'Signature de la personne accompagnée');
  const b = preuve.beneficiaire;
  if (b.mode === 'electronique')
    bloc(
      'P',
      [
        `Signature électronique le ${instantLong(b.signeLe)} (heure de Paris ; ${b.signeLe} UTC).`,
        `Mention saisie : « ${b.mention} ».`,
        `Identification : code à usage unique envoyé par ${b.canal}, valable 15 minutes, vérifié par le portail.`,
        'Procédé fiable d’identification garantissant le lien de la signature avec le document (article 1367 du Code civil) : le code n’est valable que pour ce document et cette empreinte.',
      ].join('\n'),
    );
  else
    bloc(
      'P',
      [
        `Signature manuscrite sur papier, enregistrée le ${instantLong(b.enregistreLe)} par ${b.enregistrePar}.`,
        `Empreinte SHA-256 du scan du document signé : ${b.scanEmpreinte}`,
      ].join('\n'),
    );
}
