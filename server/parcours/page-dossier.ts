import { acteurCompte, journaliserAction } from '../conseiller/audit.ts';
import { depotConseillers } from '../conseiller/repository.ts';
import type { ConseillerConnecte } from '../conseiller/service.ts';
import type { Dependances } from '../dependances.ts';
import { echecDe, type Echec } from '../http/erreurs.ts';
import { champsRecus, champTexte, type Passage, type ReglesPorte } from '../http/porte.ts';
import { dossierTemporaire, retirerFichiers, TAILLE_PIECE_MAX } from '../reclamations/pieces.ts';
import { consulterDossier } from './consultation.ts';
import { renseignerDonneesUo1 } from './donnees.ts';
import { ouvrirDossierDepuisDemande } from './dossiers.ts';
import { ERREURS_PARCOURS, type CodeErreurParcours } from './erreurs.ts';
import { redigerLivrable } from './livrables.ts';
import { depotParcours } from './repository.ts';
import { CHAMPS_UO1 } from './schema.ts';
import { CHAMPS_UO2 } from './donnees-uo2.ts';
import { ajouterInteraction, changerReferent, clore, engager, renseignerUo2, type Deps } from './service.ts';
import { enregistrerSignaturePapier, pdfSigne, signerParLeConseiller } from './signature.ts';

type DepsDossier = Deps & Pick<Dependances, 'referentielsParcours' | 'signalerCourriels' | 'dossierPiecesJointes'>;

/**
 * La porte de la fiche d'un dossier : les formulaires de l'espace conseiller, plus le scan d'une signature sur papier
 * (un fichier de 5 Mo au plus, écrit sous un nom temporaire puis vérifié par son contenu). Le middleware de l'espace
 * conseiller passe la même porte pour ces pages (`CHEMIN_FICHE_DOSSIER`, `server/conseiller/porte.ts`).
 */
export const reglesFicheDossier = (deps: Pick<Dependances, 'dossierPiecesJointes'>): ReglesPorte => ({
  corps: {
    // Les champs texte comme les autres formulaires de l'espace conseiller (`REGLES_ESPACE_CONSEILLER`).
    formulaire: 64 * 1024,
    fichiers: {
      champs: ['scan'],
      nombre: 1,
      tailleFichier: TAILLE_PIECE_MAX,
      tailleTotale: TAILLE_PIECE_MAX + 64 * 1024,
      dossier: dossierTemporaire(deps.dossierPiecesJointes),
    },
    messageTropGros: 'Le scan fait 5 Mo au plus : numérisez-le en noir et blanc ou en PDF compressé.',
  },
});
/** Les pages qui passent `reglesFicheDossier` (voir site/middleware.ts). */
export const CHEMIN_FICHE_DOSSIER = /^\/espace-conseiller\/parcours\/\d{1,9}$/;

/** Les actions de la fiche d'un dossier, chacune un formulaire (`action`), et le message affiché après sa réussite. */
const MESSAGES = {
  engager: 'Unité d’œuvre engagée.',
  interaction: 'Échange enregistré.',
  clore: 'Unité d’œuvre close.',
  referent: 'Référent changé.',
  'donnees-uo1': 'Données de la personne enregistrées.',
  'donnees-uo2': 'Données de l’accompagnement enregistrées.',
  livrable: 'Livrable enregistré. Relisez-le puis signez-le.',
  signer: 'Livrable signé par vous : la personne est prévenue par courriel qu’il l’attend dans son espace.',
  papier: 'Signature sur papier enregistrée : l’unité d’œuvre est close et le document signé part à la personne.',
} as const;
/** Une action de la fiche : la valeur du champ `action` de chacun de ses formulaires. */
export type Action = keyof typeof MESSAGES;
/** Les messages qui changent pour un dossier sans adresse électronique : rien ne part, tout se fait sur papier. */
const MESSAGES_SANS_COURRIEL = new Map<Action, string>([
  [
    'signer',
    'Livrable signé par vous. Ce dossier n’a pas d’adresse électronique : imprimez le PDF, faites-le signer à la personne, puis enregistrez le scan.',
  ],
  ['papier', 'Signature sur papier enregistrée : l’unité d’œuvre est close. Sans adresse électronique, remettez une copie à la personne.'],
]);
const ACTIONS = new Map(Object.entries(MESSAGES)) as Map<Action, string>;

/** Les formulaires répétés pour chaque UO : leurs identifiants portent celui de l'UO. */
const PAR_UO = new Set<Action>(['interaction', 'clore', 'donnees-uo2']);
const CHAMPS_DONNEES_UO2 = new Set<string>(CHAMPS_UO2);

/**
 * L'identifiant HTML d'un champ de la fiche : `<formulaire>-<champ>`, suivi de l'UO pour les formulaires répétés par UO
 * (`interaction`, `clore`, `donnees-uo2` ; ignorée pour les autres). Le champ et le lien du résumé des erreurs le tirent
 * d'ici, pour que le lien mène toujours au champ.
 * @example idChamp('interaction', 'date', 12) // 'interaction-date-12'
 */
export const idChamp = (formulaire: Action, champ: string, uoId?: number) =>
  uoId !== undefined && PAR_UO.has(formulaire) ? `${formulaire}-${champ}-${uoId}` : `${formulaire}-${champ}`;

/**
 * La cible de chaque erreur dans la page (`ResumeErreurs`). Le nom d'un champ imbriqué est son dernier segment
 * (`prochainesEtapes.operateur` → `operateur`) ; une erreur sur toute la requête mène au message du formulaire. Une
 * clôture refusée faute de données de l'UO 2 mène aux champs du formulaire de ces données.
 */
function ciblesDesErreurs(action: Action, echec: Echec, uoId: number): Record<string, string> {
  return Object.fromEntries(
    echec.erreurs.map((e) => {
      const formulaire = action === 'clore' && CHAMPS_DONNEES_UO2.has(e.champ) ? 'donnees-uo2' : action;
      const segments = e.champ.split('.').filter((x) => !/^\d+$/.test(x));
      return [e.champ, idChamp(formulaire, segments.at(-1) ?? e.champ, uoId)];
    }),
  );
}

/** Ce que montre la fiche d'un dossier, ou la page où aller après une action réussie. */
export interface VueDossier {
  redirection?: string;
  echec?: Echec;
  message?: string;
  /** L'action dont le formulaire a échoué : ses champs sont réaffichés. */
  actionEchouee?: Action;
  /** L'UO du formulaire qui a échoué, pour les formulaires répétés par UO. */
  uoEchouee?: number;
  /** L'identifiant du champ de chaque erreur, pour les liens du résumé. */
  cibles: Record<string, string>;
  saisie: Record<string, string>;
  /** Les cases cochées renvoyées après un échec, par champ. */
  saisieListes: Record<string, string[]>;
  dossier?: Extract<Awaited<ReturnType<typeof consulterDossier>>, { ok: true }>;
  /** Les comptes actifs, pour nommer ou changer le référent. */
  comptes: { id: number; nomAffiche: string }[];
}

/** Un nombre entier positif lu dans un champ, ou 0. */
const entier = (texte: string) => (/^\d{1,9}$/.test(texte) ? Number(texte) : 0);
/** Un champ facultatif : absent quand il est vide. */
const siRempli = <K extends string>(cle: K, valeur: string) => (valeur.trim() ? ({ [cle]: valeur } as Record<K, string>) : {});

/** Les cases cochées d'un groupe (au plus 40, de 40 caractères chacune). */
const cases = (champs: FormData, nom: string) =>
  champs
    .getAll(nom)
    .filter((x): x is string => typeof x === 'string')
    .slice(0, 40)
    .map((x) => x.slice(0, 40));
/** Une réponse oui/non : absente si aucune n'est choisie. */
const ouiNon = <K extends string>(cle: K, valeur: string) =>
  valeur === 'oui' || valeur === 'non' ? ({ [cle]: valeur === 'oui' } as Record<K, boolean>) : {};
/** Les groupes de cases du formulaire des données de l'UO 2 : toujours envoyés, une liste vide répond « aucun ». */
const LISTES_UO2 = ['typesService', 'prestationsComplementaires', 'financementsFormation', 'decouvertesMetiers'] as const;

/** La saisie d'une action, lue du formulaire, telle que le service l'attend. */
function saisieDe(action: Action, champs: FormData): { brut: Record<string, string>; valeur: Record<string, unknown> } {
  const t = (nom: string, max = 8000) => champTexte(champs, nom, max);
  const brut = Object.fromEntries([...champs.keys()].filter((k) => k !== '_csrf').map((k) => [k, t(k)]));
  switch (action) {
    case 'engager':
      return {
        brut,
        valeur: {
          uo: t('uo', 4),
          date: t('date', 10),
          ...(t('referentId') ? { referentId: t('referentId', 10) } : {}),
          ...siRempli('origine', t('origine', 100)),
          ...siRempli('motifSollicitation', t('motifSollicitation', 100)),
        },
      };
    case 'interaction':
      return {
        brut,
        valeur: {
          date: t('date', 10),
          mode: t('mode', 30),
          dureeMinutes: t('dureeMinutes', 5),
          aLInitiativeDeLaPersonne: t('initiative') === 'oui',
          ...siRempli('note', t('note', 4000)),
        },
      };
    case 'clore':
      return { brut, valeur: { date: t('date', 10), motif: t('motif', 30), ...siRempli('raison', t('raison', 2000)) } };
    case 'donnees-uo1':
      return { brut, valeur: Object.fromEntries(CHAMPS_UO1.map((c) => [c, t(c, 200)])) };
    case 'donnees-uo2':
      return {
        brut,
        valeur: {
          ...Object.fromEntries(LISTES_UO2.map((nom) => [nom, cases(champs, nom)])),
          ...ouiNon('autoPrescription', t('autoPrescription', 3)),
          ...ouiNon('projetReconversionCpir', t('projetReconversionCpir', 3)),
          ...siRempli('etatProjet', t('etatProjet', 40)),
          ...siRempli('descriptionService', t('descriptionService', 4000)),
        },
      };
    case 'livrable':
      return t('type') === 'etat-des-lieux'
        ? {
            brut,
            valeur: {
              analyseSituation: t('analyseSituation'),
              informationsEchangees: t('informationsEchangees'),
              decision: t('decision', 20),
              prochainesEtapes: {
                operateur: t('operateur', 200),
                contenus: t('contenus', 4000),
                objectifs: t('objectifs', 4000),
                modalites: t('modalites', 2000),
              },
            },
          }
        : {
            brut,
            valeur: {
              projet: t('projet'),
              analyse: t('analyse'),
              informationsPartagees: t('informationsPartagees'),
              planActions: t('planActions'),
              prestationsSouhaitees: champs
                .getAll('prestations')
                .filter((x): x is string => typeof x === 'string')
                .map((x) => ({ prestation: x.slice(0, 40) })),
              souhaitAppuiMiseEnOeuvre: t('appui') === 'oui',
            },
          };
    default:
      return { brut, valeur: {} };
  }
}

/** Exécute l'action envoyée ; rend l'échec à montrer, ou `undefined` si elle a réussi. */
async function agir(
  deps: DepsDossier,
  conseiller: ConseillerConnecte,
  dossierId: number,
  action: Action,
  passage: Passage & { ok: true },
): Promise<Echec | undefined> {
  const champs = champsRecus(passage);
  const fichiers = passage.corps?.type === 'formulaire' ? passage.corps.fichiers : [];
  if (action !== 'papier') retirerFichiers(fichiers.map((f) => f.chemin));
  const { valeur } = saisieDe(action, champs);
  const uoId = entier(champTexte(champs, 'uoId', 10));
  const livrableId = entier(champTexte(champs, 'livrableId', 10));
  const r = await (async () => {
    switch (action) {
      case 'papier':
        return enregistrerSignaturePapier(deps, conseiller, livrableId, {
          date: champTexte(champs, 'date', 10),
          fichiers,
          tropDeFichiers: passage.corps?.type === 'formulaire' && passage.corps.tropDeFichiers,
        });
      case 'engager':
        return await engager(deps, conseiller, dossierId, valeur);
      case 'interaction':
        return await ajouterInteraction(deps, conseiller, uoId, valeur);
      case 'clore':
        return await clore(deps, conseiller, uoId, valeur);
      case 'referent':
        return await changerReferent(deps, conseiller, dossierId, entier(champTexte(champs, 'referentId', 10)));
      case 'donnees-uo1':
        return await renseignerDonneesUo1(deps, conseiller, dossierId, valeur);
      case 'donnees-uo2':
        return await renseignerUo2(deps, conseiller, uoId, valeur);
      case 'livrable':
        return await redigerLivrable(deps, conseiller, uoId, valeur);
      case 'signer':
        return await signerParLeConseiller(deps, conseiller, livrableId);
    }
  })();
  return r.ok ? undefined : echecDe(ERREURS_PARCOURS, r as { erreur: CodeErreurParcours; erreurs?: { champ: string; message: string }[] });
}

/**
 * La fiche `/espace-conseiller/parcours/<id>` : le dossier (consultation tracée), et pour un envoi l'action demandée
 * (engager, échange, clôture, référent, données, livrable, signature). Une action réussie redirige (303) vers la fiche
 * avec son message ; une transition interdite revient avec son erreur en français à côté du champ.
 */
export async function pageDossier(
  deps: DepsDossier,
  conseiller: ConseillerConnecte,
  idTexte: string,
  parametres: URLSearchParams,
  passage: Passage | undefined,
): Promise<VueDossier> {
  const dossierId = entier(idTexte);
  const lien = `/espace-conseiller/parcours/${dossierId}`;
  const champs = champsRecus(passage);
  const demandee = champTexte(champs, 'action', 20) as Action;
  const action = ACTIONS.has(demandee) ? demandee : undefined;
  let echec: Echec | undefined = passage && !passage.ok ? passage : undefined;
  if (passage?.ok && action) {
    echec = await agir(deps, conseiller, dossierId, action, passage);
    if (!echec) return { redirection: `${lien}?fait=${action}`, saisie: {}, saisieListes: {}, cibles: {}, comptes: [] };
  }
  const uoEchouee = entier(champTexte(champs, 'uoId', 10));
  const consulte = await consulterDossier(deps, conseiller, dossierId);
  if (!consulte.ok) echec = echecDe(ERREURS_PARCOURS, consulte);
  const fait = parametres.get('fait') as Action | null;
  const sansCourriel = consulte.ok && consulte.dossier.email === null;
  const message = fait && ACTIONS.has(fait) ? (sansCourriel && MESSAGES_SANS_COURRIEL.get(fait)) || ACTIONS.get(fait) : undefined;
  return {
    saisie: echec && action ? saisieDe(action, champs).brut : {},
    saisieListes: echec && action === 'donnees-uo2' ? Object.fromEntries(LISTES_UO2.map((nom) => [nom, cases(champs, nom)])) : {},
    cibles: echec && action ? ciblesDesErreurs(action, echec, uoEchouee) : {},
    comptes: (await depotConseillers(deps.db).listerComptes())
      .filter((c) => c.actif)
      .map((c) => ({ id: c.id, nomAffiche: c.nomAffiche })),
    ...(consulte.ok ? { dossier: consulte } : {}),
    ...(echec ? { echec } : {}),
    ...(echec && action ? { actionEchouee: action, uoEchouee } : {}),
    ...(message ? { message } : {}),
  };
}

/** La porte de la page « dossiers » : ouvrir le dossier d'une demande, ou retrouver un dossier par son numéro. */
export async function pageOuvrirDossier(
  deps: Deps,
  conseiller: ConseillerConnecte,
  passage: Passage | undefined,
): Promise<{ redirection?: string; echec?: Echec; reference: string }> {
  const champs = champsRecus(passage);
  const reference = champTexte(champs, 'reference', 40).replace(/[\s-]/g, '');
  if (!passage) return { reference: '' };
  if (!passage.ok) return { echec: passage, reference };
  const existant = await depotParcours(deps.db).dossierParIdentifiant(reference);
  if (existant && deps.deploiement.lots.includes(existant.lot))
    return { redirection: `/espace-conseiller/parcours/${existant.id}`, reference };
  const r = await ouvrirDossierDepuisDemande(deps, conseiller, reference);
  if (r.ok) return { redirection: `/espace-conseiller/parcours/${r.dossier.id}`, reference };
  return {
    echec: echecDe(ERREURS_PARCOURS, { erreur: r.erreur === 'DEMANDE_INCONNUE' ? 'DOSSIER_OU_DEMANDE_INCONNU' : r.erreur }),
    reference,
  };
}

/**
 * Le PDF d'un livrable pour le conseiller (`/espace-conseiller/parcours/livrable/<id>.pdf`) : le document final scellé
 * s'il est signé des deux côtés, sinon le PDF exact signé par le conseiller, à imprimer pour une signature sur papier.
 * Le téléchargement est tracé.
 */
export async function pdfPourConseiller(
  deps: Pick<Dependances, 'db' | 'deploiement' | 'maintenant'>,
  conseiller: Pick<ConseillerConnecte, 'id'>,
  idTexte: string,
): Promise<{ ok: true; pdf: Buffer; nom: string } | { ok: false; echec: Echec }> {
  const id = entier(idTexte.replace(/\.pdf$/, ''));
  const depot = depotParcours(deps.db);
  const livrable = await depot.livrable(id);
  const uo = livrable ? await depot.uo(livrable.uoId) : undefined;
  const servi = uo && deps.deploiement.lots.includes(uo.lot);
  const pdf = !livrable || !servi ? undefined : ((await pdfSigne(deps, id)) ?? (await depot.pdfDuLivrable(id)) ?? undefined);
  if (!pdf || !uo || !livrable)
    return {
      ok: false,
      echec: echecDe(ERREURS_PARCOURS, { erreur: livrable && servi ? 'LIVRABLE_NON_SIGNE_PAR_LE_CONSEILLER' : 'LIVRABLE_INCONNU' }),
    };
  await journaliserAction(deps.db, {
    acteur: acteurCompte(conseiller.id),
    action: 'parcours.livrable.pdf',
    cible: uo.numero,
    details: { livrable: id, statut: livrable.statut },
    horodatage: deps.maintenant().toISOString(),
  });
  return { ok: true, pdf: Buffer.from(pdf), nom: `${livrable.type}-${uo.numero}.pdf` };
}
