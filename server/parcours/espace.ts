import { enTransaction } from '../../db/transaction.ts';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { journaliserAction } from '../conseiller/audit.ts';
import { depotConseillers } from '../conseiller/repository.ts';
import { composerCourriel } from '../courriel/modele.ts';
import { mettreEnFile } from '../courriel/repository.ts';
import type { Dependances } from '../dependances.ts';
import { dateLongue } from '../calendrier/formats.ts';
import { depotRendezVous, depotReservation } from '../rendez-vous/repository.ts';
import { CATEGORIES_PARCOURS, empreinteSecret, mettreEnFileParcours } from './courriels.ts';
import { donneesUo1, type ChampAffiche } from './donnees.ts';
import { echec } from './erreurs.ts';
import { TITRES } from './livrables.ts';
import { depotParcours, type UniteOeuvre } from './repository.ts';
import { LIBELLES_MODE, LIBELLES_MOTIF_CLOTURE, LIBELLES_UO } from './schema.ts';
import { aujourdHuiA, cloreDans, dossierServi, lire, type Deps } from './service.ts';

/** Durée d'une session de l'espace de la personne. */
export const DUREE_SESSION_ESPACE_MS = 30 * 60_000;
/** Un lien attend son envoi (sans serveur SMTP, il reste dans la boîte d'envoi) au plus un jour avant de ne plus valoir. */
const ATTENTE_ENVOI_MS = 24 * 3_600_000;
/** Un seul lien par dossier et par minute : demander en boucle n'inonde pas la boîte de la personne. */
const INTERVALLE_LIENS_MS = 60_000;

const schemaCourriel = z.object({ email: z.email({ error: 'Indiquez votre adresse électronique, par exemple nom@exemple.fr.' }).max(200) });

/**
 * Demande d'un lien vers l'espace : la même réponse que l'adresse soit connue ou non (pas d'énumération des comptes).
 * Un lien à usage unique part seulement à l'adresse d'un dossier suivi (le plus récent) ; son jeton est tiré quand le
 * courriel est composé, et seule son empreinte est gardée.
 */
export async function demanderLien(deps: Pick<Dependances, 'db' | 'deploiement' | 'maintenant' | 'signalerCourriels'>, saisie: unknown) {
  const lu = lire(schemaCourriel, saisie);
  if (!lu.ok) return lu;
  const email = lu.valeur.email.trim().toLowerCase();
  const dossier = (await depotParcours(deps.db).dossiersParCourriel(email)).filter((d) => deps.deploiement.lots.includes(d.lot)).at(-1);
  // Un dossier trouvé par son adresse en a une ; la condition le dit au typage.
  if (dossier?.email) {
    const destinataire = dossier.email;
    const maintenant = deps.maintenant();
    const dernier = await depotParcours(deps.db).dernierLien(dossier.id);
    if (!dernier || Date.parse(dernier.creeLe) + INTERVALLE_LIENS_MS <= maintenant.getTime()) {
      await enTransaction(deps.db, async (tx) => {
        const lien = await depotParcours(tx).insererLien({
          dossierId: dossier.id,
          creeLe: maintenant.toISOString(),
          expireLe: new Date(maintenant.getTime() + ATTENTE_ENVOI_MS).toISOString(),
        });
        await mettreEnFileParcours(tx, {
          categorie: CATEGORIES_PARCOURS.lien,
          destinataire,
          reference: dossier.identifiant,
          donnees: { lien: String(lien.id) },
          maintenant,
        });
      });
      deps.signalerCourriels();
    }
  }
  return {
    ok: true as const,
    message: 'Si cette adresse correspond à un dossier, un lien vient d’y être envoyé. Il sert une fois, pendant 30 minutes.',
  };
}

/** Une session ouverte : le jeton du cookie (httpOnly), son jeton anti-CSRF, son expiration. */
export interface SessionEspace {
  jeton: string;
  jetonCsrf: string;
  expireLe: string;
}

/** Ouvre une session depuis le lien reçu, une seule fois : le lien expiré, inconnu ou déjà utilisé n'ouvre rien. */
export async function ouvrirSession(deps: Pick<Dependances, 'db' | 'maintenant'>, jetonLien: string): Promise<SessionEspace | undefined> {
  if (!/^[\w-]{20,100}$/.test(jetonLien)) return undefined;
  const maintenant = deps.maintenant();
  const instant = maintenant.toISOString();
  return enTransaction(deps.db, async (tx) => {
    const d = depotParcours(tx);
    const lien = await d.utiliserLien(empreinteSecret(jetonLien), instant);
    if (!lien) return undefined;
    const session = {
      jeton: randomBytes(32).toString('base64url'),
      jetonCsrf: randomBytes(24).toString('base64url'),
      expireLe: new Date(maintenant.getTime() + DUREE_SESSION_ESPACE_MS).toISOString(),
    };
    await d.insererSession({
      empreinte: empreinteSecret(session.jeton),
      dossierId: lien.dossierId,
      jetonCsrf: session.jetonCsrf,
      creeLe: instant,
      expireLe: session.expireLe,
    });
    await journaliserAction(tx, {
      acteur: 'beneficiaire',
      action: 'parcours.espace.session',
      cible: (await d.dossier(lien.dossierId))?.identifiant,
      horodatage: instant,
    });
    return session;
  });
}

/** Le dossier d'une session encore valable. */
export async function lireSessionEspace(
  deps: Pick<Dependances, 'db' | 'maintenant'>,
  jeton: string,
): Promise<{ dossierId: number; jetonCsrf: string } | undefined> {
  if (!/^[\w-]{20,100}$/.test(jeton)) return undefined;
  const s = await depotParcours(deps.db).session(empreinteSecret(jeton), deps.maintenant().toISOString());
  return s ? { dossierId: s.dossierId, jetonCsrf: s.jetonCsrf } : undefined;
}

export const fermerSessionEspace = (deps: Pick<Dependances, 'db'>, jeton: string): Promise<void> =>
  depotParcours(deps.db).fermerSession(empreinteSecret(jeton));

/** Où en est la personne, en mots simples. */
function etape(uos: UniteOeuvre[]): { texte: string; uo?: UniteOeuvre } {
  const ouverte = uos.find((u) => u.statut === 'ouverte');
  if (ouverte) {
    const quoi = {
      '01': 'votre premier conseil personnalisé',
      '21': 'la construction de votre projet',
      '22': 'la mise en œuvre de votre projet',
    }[ouverte.uo];
    return {
      texte: `Vous êtes accompagné pour ${quoi}, depuis le ${dateLongue(ouverte.dateEngagement)}. Cette étape se termine au plus tard le ${dateLongue(ouverte.echeance)}.`,
      uo: ouverte,
    };
  }
  const derniere = uos.at(-1);
  if (!derniere) return { texte: 'Votre demande est enregistrée : votre accompagnement commencera à votre premier rendez-vous.' };
  return {
    texte: `Votre dernier accompagnement (${LIBELLES_UO[derniere.uo]}) est terminé depuis le ${dateLongue(derniere.dateCloture!)}. Vous pouvez en demander un nouveau à tout moment.`,
  };
}

/** Ce que montre l'espace de la personne, en une lecture. */
export interface VueEspace {
  personne: { prenom: string; nom: string; email: string | null; telephone: string | null };
  etape: string;
  referent?: { nom: string; telephone: string; courriel: string };
  prochainsRendezVous: { debut: string; fin: string; modalite: string; lot: number }[];
  aSigner: { livrableId: number; titre: string; empreinte: string }[];
  signes: { livrableId: number; titre: string; signeLe: string }[];
  historique: { date: string; texte: string }[];
  donnees: ChampAffiche[];
  /** Ce qui est gardé, pourquoi et combien de temps. */
  conservation: string[];
  /** Vrai quand une UO 2.2 est en cours : la personne peut la clore par son souhait écrit. */
  peutClore: boolean;
}

/** L'espace de la personne : étape et échéance, référent, rendez-vous, documents, historique, données gardées. */
export async function lireEspace(
  deps: Pick<Dependances, 'db' | 'deploiement' | 'maintenant' | 'referentielsParcours'>,
  dossierId: number,
): Promise<VueEspace | undefined> {
  const dossier = await dossierServi(deps, dossierId);
  if (!dossier) return undefined;
  const depot = depotParcours(deps.db);
  const uos = await depot.uosDuDossier(dossier.id);
  const livrables = await depot.livrablesDesUo(uos.map((u) => u.id));
  const { texte, uo } = etape(uos);
  const referentId = uo && (uo.uo === '21' || uo.uo === '22') ? uo.referentId : null;
  const referent = referentId ? await depotConseillers(deps.db).compteParId(referentId) : undefined;
  const demande = dossier.demandeId ? await depotRendezVous(deps.db).demandeParReference(dossier.identifiant) : undefined;
  const creneau = demande?.creneauId && demande.statut === 'ouverte' ? await depotReservation(deps.db).creneau(demande.creneauId) : undefined;
  const historique: { date: string; texte: string }[] = [];
  for (const u of uos) {
    historique.push({ date: u.dateEngagement, texte: `Début : ${LIBELLES_UO[u.uo]}` });
    for (const i of await depot.interactionsDe(u.id)) historique.push({ date: i.date, texte: `Échange : ${LIBELLES_MODE[i.mode]}` });
    if (u.dateCloture && u.motifCloture)
      historique.push({ date: u.dateCloture, texte: `Fin : ${LIBELLES_UO[u.uo]} (${LIBELLES_MOTIF_CLOTURE[u.motifCloture]})` });
  }
  const { conservation, editeur } = deps.deploiement;
  return {
    personne: { prenom: dossier.prenom, nom: dossier.nom, email: dossier.email, telephone: dossier.telephone },
    etape: texte,
    ...(referent ? { referent: { nom: referent.nomAffiche, telephone: editeur.telephone, courriel: editeur.courriel } } : {}),
    prochainsRendezVous:
      creneau && creneau.debut > deps.maintenant().toISOString()
        ? [{ debut: creneau.debut, fin: creneau.fin, modalite: creneau.modalite, lot: dossier.lot }]
        : [],
    aSigner: livrables
      .filter((l) => l.statut === 'signe-conseiller' && uos.find((u) => u.id === l.uoId)?.statut === 'ouverte')
      .map((l) => ({ livrableId: l.id, titre: TITRES[l.type], empreinte: l.empreinte! })),
    signes: livrables
      .filter((l) => l.statut === 'signe' || l.statut === 'signe-papier')
      .map((l) => ({ livrableId: l.id, titre: TITRES[l.type], signeLe: l.beneficiaireSigneLe! })),
    historique: historique.sort((a, b) => a.date.localeCompare(b.date)),
    donnees: donneesUo1(deps, dossier),
    conservation: [
      'Votre identité, vos coordonnées et les informations de votre accompagnement servent à vous conseiller et à rendre compte à France compétences, qui finance ce service (annexe 2 du cahier des charges).',
      'Les notes de votre conseiller ne sont pas montrées ici et ne sont jamais transmises à France compétences ; la copie de vos données les contient.',
      `Vos documents signés sont transmis à France compétences le jour de leur signature. Rien n’est effacé pendant votre accompagnement ; ${conservation.parcoursMois} mois après sa fin, votre identité, vos informations, les notes et vos documents sont effacés (seules restent, sans votre nom, les dates qui servent aux statistiques). Les données de votre demande de rendez-vous sont effacées ${conservation.demandesMois} mois après votre dernier contact.`,
      `Pour obtenir une copie de vos données ou demander leur effacement : ${editeur.courrielDonneesPersonnelles}, ou les boutons ci-dessous.`,
    ],
    peutClore: uo?.uo === '22',
  };
}

const schemaSouhait = z.object({
  texte: z
    .string({ error: 'Écrivez en quelques mots que vous souhaitez clore votre accompagnement.' })
    .trim()
    .min(5, 'Écrivez en quelques mots que vous souhaitez clore votre accompagnement.')
    .max(2000, 'Votre message tient en 2 000 caractères au plus.'),
});

/** « Je souhaite clore mon accompagnement » : la trace écrite de la personne clôt son UO 2.2 (seed 002 §1.2.6). */
export async function cloreParSouhaitEcrit(deps: Deps, dossierId: number, saisie: unknown) {
  const lu = lire(schemaSouhait, saisie);
  if (!lu.ok) return lu;
  const dossier = await dossierServi(deps, dossierId);
  if (!dossier) return echec('DOSSIER_INCONNU');
  const uo = (await depotParcours(deps.db).uosDuDossier(dossier.id)).find((u) => u.uo === '22' && u.statut === 'ouverte');
  if (!uo) return echec('AUCUNE_UO22_OUVERTE');
  const instant = deps.maintenant().toISOString();
  const date = aujourdHuiA(deps, dossier.commune);
  const close = await enTransaction(deps.db, async (tx) =>
    await cloreDans(tx, uo, { date, motif: 'souhait-ecrit', raison: lu.valeur.texte }, 'beneficiaire', instant),
  );
  return close ? { ok: true as const } : echec('AUCUNE_UO22_OUVERTE');
}

const schemaCoordonnees = z
  .object({
    email: z.email({ error: 'Indiquez une adresse électronique valide, par exemple nom@exemple.fr.' }).max(200).optional(),
    telephone: z
      .string()
      .trim()
      .regex(/^[0-9 +().-]{6,25}$/, 'Le numéro de téléphone n’est pas valide : chiffres, espaces, + et tirets.')
      .optional(),
  })
  .strict();

/** La personne met à jour son adresse électronique ou son téléphone (audité, sans les valeurs). */
export async function modifierCoordonnees(
  deps: Pick<Dependances, 'db' | 'deploiement' | 'maintenant'>,
  dossierId: number,
  saisie: unknown,
) {
  const lu = lire(schemaCoordonnees, saisie);
  if (!lu.ok) return lu;
  const dossier = await dossierServi(deps, dossierId);
  if (!dossier) return echec('DOSSIER_INCONNU');
  const instant = deps.maintenant().toISOString();
  await enTransaction(deps.db, async (tx) => {
    await depotParcours(tx).modifierDossier(dossier.id, { ...lu.valeur, modifieLe: instant });
    await journaliserAction(tx, {
      acteur: 'beneficiaire',
      action: 'parcours.coordonnees',
      cible: dossier.identifiant,
      details: { champs: Object.keys(lu.valeur) },
      horodatage: instant,
    });
  });
  return { ok: true as const };
}

/**
 * La personne demande une copie de ses données ou leur effacement : la demande part au contact « données personnelles »
 * de l'opérateur, qui l'instruit avec les outils des responsables (server/donnees-personnelles/, critère : le numéro de dossier).
 */
export async function demanderDroits(
  deps: Pick<Dependances, 'db' | 'deploiement' | 'maintenant' | 'signalerCourriels'>,
  dossierId: number,
  type: 'export' | 'effacement',
) {
  const dossier = await dossierServi(deps, dossierId);
  if (!dossier) return echec('DOSSIER_INCONNU');
  const maintenant = deps.maintenant();
  const quoi = type === 'export' ? 'une copie de ses données (droit d’accès et à la portabilité)' : 'l’effacement de ses données';
  await enTransaction(deps.db, async (tx) => {
    await mettreEnFile(tx, {
      ...composerCourriel(deps.deploiement, {
        sujet: `Demande ${type === 'export' ? 'de copie' : 'd’effacement'} des données – dossier ${dossier.identifiant}`,
        salutation: 'Bonjour,',
        blocs: [
          `La personne du dossier ${dossier.identifiant} demande, depuis son espace, ${quoi}.`,
          'Instruisez la demande dans l’espace conseiller, rubrique Données personnelles, avec ce numéro de dossier. La réponse est due sous un mois (RGPD, article 12).',
        ],
      }),
      destinataire: deps.deploiement.editeur.courrielDonneesPersonnelles,
      categorie: `parcours.droits-${type}`,
      reference: dossier.identifiant,
      envoyerApres: maintenant.toISOString(),
    });
    await journaliserAction(tx, {
      acteur: 'beneficiaire',
      action: 'parcours.droits',
      cible: dossier.identifiant,
      details: { type },
      horodatage: maintenant.toISOString(),
    });
  });
  deps.signalerCourriels();
  return { ok: true as const };
}
