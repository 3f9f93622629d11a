import type { Dependances } from '../dependances.ts';
import { echecDe, type Echec } from '../http/erreurs.ts';
import { champsRecus, champTexte, type Passage, type ReglesPorte } from '../http/porte.ts';
import { renseignerDonneesUo1 } from './donnees.ts';
import { ERREURS_PARCOURS, type CodeErreurParcours } from './erreurs.ts';
import {
  cloreParSouhaitEcrit,
  demanderDroits,
  demanderLien,
  DUREE_SESSION_ESPACE_MS,
  fermerSessionEspace,
  lireEspace,
  lireSessionEspace,
  modifierCoordonnees,
  ouvrirSession,
  type SessionEspace,
  type VueEspace,
} from './espace.ts';
import { CHAMPS_UO1 } from './schema.ts';
import { confirmerSignature, demanderCodeSignature, documentASigner, pdfSigne } from './signature.ts';

type DepsEspace = Pick<
  Dependances,
  'db' | 'deploiement' | 'referentiel' | 'maintenant' | 'journal' | 'signalerCourriels' | 'referentielsParcours'
>;

/** Nom du cookie de session de l'espace de la personne (distinct de celui de l'espace conseiller). */
export const NOM_COOKIE_ESPACE = 'cep_espace';

/** Cookie httpOnly, SameSite=Strict, Secure dès que le portail est servi en https, valable le temps de la session. */
export const optionsCookieEspace = (urlPublique: string) => ({
  httpOnly: true,
  sameSite: 'strict' as const,
  secure: urlPublique.startsWith('https:'),
  path: '/mon-espace',
  maxAge: DUREE_SESSION_ESPACE_MS / 1000,
});

/** La porte du formulaire « recevoir un lien » : limité par adresse (il envoie un courriel), champ piège. */
export const REGLES_LIEN_ESPACE: ReglesPorte = { limite: 'mon-espace', corps: { formulaire: 2 * 1024, json: 1024 }, piege: 'site_web' };
/** La porte des formulaires de l'espace ouvert : des champs texte ; la session et son jeton anti-CSRF tiennent lieu de limite. */
export const REGLES_ESPACE: ReglesPorte = { corps: { formulaire: 16 * 1024 } };

/** Les actions de l'espace, chacune un formulaire, et le message affiché après sa réussite. */
const MESSAGES = {
  lien: 'Si cette adresse correspond à un dossier, un lien vient d’y être envoyé. Il sert une fois, pendant 30 minutes.',
  donnees: 'Merci : vos informations sont enregistrées. Votre conseiller ne vous les redemandera pas.',
  coordonnees: 'Vos coordonnées sont mises à jour.',
  export: 'Votre demande de copie de vos données est transmise. La réponse vous parviendra sous un mois.',
  effacement: 'Votre demande d’effacement est transmise. La réponse vous parviendra sous un mois.',
  clore: 'Votre souhait est enregistré : votre accompagnement est clos. Merci.',
  code: 'Un code vient de vous être envoyé par courriel. Recopiez-le ci-dessous avec la mention « lu et approuvé ».',
  signe: 'Document signé. Vous le recevez par courriel, et il reste téléchargeable ici.',
  sortie: 'Vous êtes déconnecté. Pour revenir, demandez un nouveau lien.',
} as const;
type Message = keyof typeof MESSAGES;
const PAR_CLE = new Map(Object.entries(MESSAGES)) as Map<Message, string>;

/** Ce que montre `/mon-espace`. */
export interface VueMonEspace {
  redirection?: string;
  /** Vrai quand le cookie de session doit être effacé (déconnexion, session expirée). */
  effacerCookie?: boolean;
  echec?: Echec;
  message?: string;
  /** Le formulaire qui a échoué (ses champs sont réaffichés) ; pour la signature, le livrable en cause. */
  actionEchouee?: string;
  saisie: Record<string, string>;
  espace?: VueEspace;
  jetonCsrf?: string;
}

/**
 * L'identifiant HTML que vise, dans le résumé des erreurs, l'erreur du champ `champ` du formulaire `actionEchouee` de
 * l'espace (`signe-12`, `code-12`, `coordonnees`, `donnees`, `clore`) : le champ lui-même, ou le formulaire quand l'erreur
 * n'est pas celle d'un champ affiché (jeton expiré, document modifié). `champsDonnees` : les champs du formulaire des
 * données de l'UO 1 affichés sur la page.
 */
export function idChampEspace(actionEchouee: string, champ: string, champsDonnees: readonly string[] = []): string {
  const formulaire = `form-${actionEchouee}`;
  const [action, livrable] = actionEchouee.split('-');
  switch (action) {
    case 'signe':
      return champ === 'mention' || champ === 'code' ? `${champ}-${livrable}` : formulaire;
    case 'coordonnees':
      return champ === 'email' || champ === 'telephone' ? `coord-${champ}` : formulaire;
    case 'clore':
      return champ === 'texte' ? 'clore-texte' : formulaire;
    case 'donnees':
      return champsDonnees.includes(champ) ? `donnee-${champ}` : formulaire;
    default:
      return formulaire;
  }
}

const entier = (texte: string) => (/^\d{1,9}$/.test(texte) ? Number(texte) : 0);
const versEchec = (r: { erreur: CodeErreurParcours; erreurs?: { champ: string; message: string }[] }) => echecDe(ERREURS_PARCOURS, r);

/** Exécute l'action de l'espace ouvert ; rend le message de réussite, ou l'échec. */
async function agir(deps: DepsEspace, dossierId: number, action: string, champs: FormData): Promise<Message | Echec | undefined> {
  const t = (nom: string, max = 200) => champTexte(champs, nom, max);
  const livrableId = entier(t('livrableId', 10));
  const r = await (async () => {
    switch (action) {
      case 'donnees':
        return await renseignerDonneesUo1(deps, 'beneficiaire', dossierId, Object.fromEntries(CHAMPS_UO1.map((c) => [c, t(c)])));
      case 'coordonnees':
        return await modifierCoordonnees(deps, dossierId, {
          ...(t('email') ? { email: t('email') } : {}),
          ...(t('telephone') ? { telephone: t('telephone', 25) } : {}),
        });
      case 'export':
      case 'effacement':
        return await demanderDroits(deps, dossierId, action);
      case 'clore':
        return await cloreParSouhaitEcrit(deps, dossierId, { texte: t('texte', 2000) });
      case 'code':
        return await demanderCodeSignature(deps, dossierId, livrableId);
      case 'signe':
        return await confirmerSignature(deps, dossierId, livrableId, {
          mention: t('mention', 100),
          code: t('code', 10),
          empreinte: t('empreinte', 64),
        });
      default:
        return undefined;
    }
  })();
  if (!r) return undefined;
  return r.ok ? (action as Message) : versEchec(r);
}

/**
 * La page `/mon-espace` : sans session, le formulaire « recevoir un lien » (même réponse que l'adresse soit connue ou
 * non) ; avec une session, l'espace de la personne et ses formulaires (données, coordonnées, droits, signature, clôture
 * d'une UO 2.2, déconnexion), chacun vérifié par le jeton anti-CSRF de la session.
 */
export async function pageMonEspace(
  deps: DepsEspace,
  jetonSession: string | undefined,
  parametres: URLSearchParams,
  passage: Passage | undefined,
): Promise<VueMonEspace> {
  const session = jetonSession ? await lireSessionEspace(deps, jetonSession) : undefined;
  const champs = champsRecus(passage);
  const action = champTexte(champs, 'action', 20);
  const retour = (m: Message, effacerCookie = false): VueMonEspace => ({
    redirection: `/mon-espace?fait=${m}`,
    saisie: {},
    ...(effacerCookie ? { effacerCookie } : {}),
  });
  let echec: Echec | undefined = passage && !passage.ok ? passage : undefined;
  if (passage?.ok && !session) {
    if (action === 'deconnexion') return retour('sortie', true);
    const r = await demanderLien(deps, { email: champTexte(champs, 'email', 200) });
    if (r.ok) return retour('lien');
    echec = versEchec(r);
  } else if (passage?.ok && session) {
    if (champTexte(champs, '_csrf', 100) !== session.jetonCsrf)
      echec = { statut: 403, erreurs: [{ champ: 'requete', message: 'Ce formulaire a expiré. Rechargez la page et recommencez.' }] };
    else if (action === 'deconnexion') {
      await fermerSessionEspace(deps, jetonSession!);
      return retour('sortie', true);
    } else {
      const fait = await agir(deps, session.dossierId, action, champs);
      if (typeof fait === 'string')
        return {
          ...retour(fait),
          redirection: `/mon-espace?fait=${fait}${fait === 'code' ? `&livrable=${entier(champTexte(champs, 'livrableId', 10))}` : ''}#documents`,
        };
      echec = fait;
    }
  }
  const fait = parametres.get('fait') as Message | null;
  const message = fait && PAR_CLE.has(fait) ? PAR_CLE.get(fait) : undefined;
  const espace = session ? await lireEspace(deps, session.dossierId) : undefined;
  const saisie = echec
    ? Object.fromEntries([...champs.keys()].filter((k) => k !== '_csrf' && k !== 'code').map((k) => [k, champTexte(champs, k, 2000)]))
    : {};
  return {
    saisie,
    ...(jetonSession && !session ? { effacerCookie: true } : {}),
    ...(espace && session ? { espace, jetonCsrf: session.jetonCsrf } : {}),
    ...(echec
      ? { echec, actionEchouee: action === 'signe' || action === 'code' ? `${action}-${champTexte(champs, 'livrableId', 10)}` : action }
      : {}),
    ...(message ? { message } : {}),
  };
}

/** Ce que fait la page d'entrée `/mon-espace/entree/<jeton>` : rien au GET, la session au POST, ou le lien refusé. */
export interface VueEntree {
  session?: SessionEspace;
  /** Vrai quand le lien est inconnu, expiré ou déjà utilisé : la page explique comment en demander un autre. */
  invalide: boolean;
}

/**
 * L'entrée par le lien reçu : le GET montre un bouton (un lecteur de courriel qui visite le lien ne le consomme pas),
 * le POST ouvre la session, une seule fois ; le même lien ne rouvre rien (410).
 */
export async function pageEntree(deps: Pick<Dependances, 'db' | 'maintenant'>, jeton: string, passage: Passage | undefined): Promise<VueEntree> {
  if (!passage) return { invalide: !/^[\w-]{20,100}$/.test(jeton) };
  if (!passage.ok) return { invalide: true };
  const session = await ouvrirSession(deps, jeton);
  return session ? { session, invalide: false } : { invalide: true };
}

/**
 * Un document de la personne en PDF (`/mon-espace/document/<id>`) : le document à signer tel que le conseiller l'a signé,
 * ou le document final scellé une fois signé. Seulement les documents de son dossier.
 */
export async function documentDeLEspace(
  deps: DepsEspace,
  jetonSession: string | undefined,
  idTexte: string,
): Promise<{ ok: true; pdf: Buffer; nom: string } | { ok: false; echec: Echec }> {
  const session = jetonSession ? await lireSessionEspace(deps, jetonSession) : undefined;
  if (!session)
    return {
      ok: false,
      echec: {
        statut: 401,
        erreurs: [{ champ: 'requete', message: 'Votre session a expiré : demandez un nouveau lien depuis /mon-espace.' }],
      },
    };
  const id = entier(idTexte.replace(/\.pdf$/, ''));
  const doc = await documentASigner(deps, session.dossierId, id);
  if (!doc.ok) return { ok: false, echec: versEchec(doc) };
  const pdf = doc.statut === 'signe' || doc.statut === 'signe-papier' ? (await pdfSigne(deps, id) ?? doc.pdf) : doc.pdf;
  return { ok: true, pdf: Buffer.from(pdf), nom: `document-${id}.pdf` };
}

/** La porte d'un envoi à `/mon-espace` : celle de l'espace ouvert avec une session valable, sinon celle du lien (limitée). */
export const reglesMonEspace = async (deps: Pick<Dependances, 'db' | 'maintenant'>, jetonSession: string | undefined): Promise<ReglesPorte> =>
  jetonSession && (await lireSessionEspace(deps, jetonSession)) ? REGLES_ESPACE : REGLES_LIEN_ESPACE;
