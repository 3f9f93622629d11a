import type { Dependances } from '../dependances.ts';
import type { Site } from '../deploiement/schema.ts';
import { echecDe, type Echec } from '../http/erreurs.ts';
import { champsRecus, type Passage, type ReglesPorte } from '../http/porte.ts';
import { ajouterJours, estDateCivile, type DateCivile } from '../calendrier/dates.ts';
import { LOTS } from '../territoires/lots.ts';
import { libelleCommune, type CommuneResolue } from '../territoires/resoudre.ts';
import { SITUATIONS, type Eligibilite } from './eligibilite.ts';
import { ERREURS_RENDEZ_VOUS } from './erreurs.ts';
import { CHAMP_PIEGE, creneauxParJour, lireFormulaireDemande, ouiNon, type SaisieDemande } from './formulaire.ts';
import { OPERATEURS_CEP } from '../orientation/vocabulaire.ts';
import { MODALITES, type Modalite } from './schema.ts';
import { creneauxLibres, demanderRendezVous, finDuDelai, lotsDeRecherche } from './service.ts';
import { delaiDUneDemande } from './echeance.ts';
import { territoireDuDepartement, territoireDuLot } from '../calendrier/territoire.ts';

/** La porte du formulaire `/rendez-vous` : limite par adresse (la même que l'API), un formulaire de 16 Kio au plus, champ piège. */
export const REGLES_DEMANDE_PAGE: ReglesPorte = { limite: 'rendez-vous', piege: CHAMP_PIEGE, corps: { formulaire: 16 * 1024 } };

/** Jours de créneaux montrés à la fois. */
export const JOURS_PAR_PAGE = 5;

/** Ce que montre la page `/rendez-vous`, ou la page où aller après l'enregistrement. */
export interface VueDemande {
  /** Après un enregistrement : le lien privé de suivi. */
  redirection?: string;
  saisie: SaisieDemande;
  echec?: Echec;
  resolution?: CommuneResolue;
  /** Une personne que ce service ne sert pas : où aller. */
  orientation?: Extract<Eligibilite, { servi: false }>;
  origine: 'orientation' | 'en-ligne';
  modalite?: Modalite;
  apres?: DateCivile;
  siteChoisi?: Site;
  jours: ReturnType<typeof creneauxParJour>;
  /** Le premier jour de la page suivante de créneaux, s'il y en a une. */
  jourSuivant?: DateCivile;
  /** Les paramètres repris d'une étape à l'autre (préremplissage depuis l'assistant d'orientation). */
  report: URLSearchParams;
  /** « de la région Île-de-France », « des régions … ». */
  regionsServies: string;
  /** Le dernier jour du délai du premier échange pour une demande faite aujourd'hui (commune choisie, ou son lot). */
  echeance?: DateCivile;
  /** Des créneaux sont listés, mais aucun ne tombe dans le délai : la page le dit et propose d'être rappelé. */
  aucunDansLeDelai: boolean;
}

type Deps = Parameters<typeof demanderRendezVous>[0] & Pick<Dependances, 'communes'>;

/**
 * La page `/rendez-vous` : le préremplissage venu de l'adresse (assistant d'orientation), les créneaux de la modalité
 * choisie, et pour un envoi la demande (même cas d'usage que `POST /api/rendez-vous`).
 */
export async function pageDemande(deps: Deps, parametres: URLSearchParams, passage: Passage | undefined): Promise<VueDemande> {
  const prevu = prerempli(deps, parametres);
  let saisie = prevu.saisie;
  let echec: Echec | undefined;
  let resolution: CommuneResolue | undefined;
  let orientation: VueDemande['orientation'];
  if (passage) {
    const lu = lireFormulaireDemande(champsRecus(passage), deps, prevu.origine);
    ({ saisie, resolution } = lu);
    if (!passage.ok) echec = passage;
    else if (!lu.ok) echec = echecDe(ERREURS_RENDEZ_VOUS, { erreur: 'SAISIE_INVALIDE', erreurs: lu.erreurs });
    else {
      const resultat = await demanderRendezVous(deps, lu.demande);
      if (resultat.ok && resultat.statut === 'enregistree')
        return {
          ...prevu,
          saisie,
          jours: [],
          regionsServies: '',
          aucunDansLeDelai: false,
          redirection: `/rendez-vous/suivi/${resultat.jeton}?nouvelle=1`,
        };
      if (resultat.ok) orientation = resultat.eligibilite;
      else {
        echec = echecDe(ERREURS_RENDEZ_VOUS, resultat);
        if (resultat.erreur === 'CRENEAU_INDISPONIBLE') saisie = { ...saisie, creneau: '' };
      }
    }
  }
  // La modalité envoyée n'est qu'une saisie : seule une modalité connue choisit les créneaux montrés.
  const modalite = estModalite(saisie.modalite) ? saisie.modalite : prevu.modalite;
  const commune = resolution?.statut === 'trouvee' ? resolution.commune.code : prevu.communeCode;
  const lots = lotsDeRecherche(deps, commune) ?? deps.deploiement.lots;
  const libres = modalite ? await creneauxLibres(deps, { lots, modalite, depuis: prevu.apres, limite: 200 }) : [];
  const site = modalite === 'presentiel' ? prevu.siteChoisi : undefined;
  const territoire = territoireDeLaDemande(deps, commune, lots);
  const { echeance } = delaiDUneDemande(deps.maintenant(), territoire);
  const jours = creneauxParJour(
    site ? libres.filter((c) => c.site === site.id) : libres,
    JOURS_PAR_PAGE,
    finDuDelai(deps.maintenant(), territoire),
  );
  const premier = jours[0]?.creneaux[0];
  const dernier = jours.at(-1)?.jour;
  return {
    ...prevu,
    saisie,
    jours,
    ...(modalite ? { modalite } : {}),
    ...(echec ? { echec } : {}),
    ...(resolution ? { resolution } : {}),
    ...(orientation ? { orientation } : {}),
    ...(dernier && jours.length === JOURS_PAR_PAGE ? { jourSuivant: ajouterJours(dernier, 1) } : {}),
    regionsServies: regionsServies(deps.deploiement.lots),
    echeance,
    // Seule la première page compte : les suivantes sont plus tardives.
    aucunDansLeDelai: !prevu.apres && premier !== undefined && premier.horsDelai,
  };
}

/** Le calendrier du délai : celui de la commune, sinon celui du lot cherché (le premier du déploiement par défaut). */
function territoireDeLaDemande(deps: Pick<Dependances, 'referentiel'>, commune: string | undefined, lots: readonly number[]) {
  const departement = commune ? deps.referentiel.commune(commune)?.departement : undefined;
  return departement ? territoireDuDepartement(departement) : territoireDuLot(lots[0] ?? 1);
}

/** Le lien d'une autre étape ou page de créneaux, avec les paramètres repris. */
export function lienEtape(vue: Pick<VueDemande, 'report' | 'siteChoisi' | 'modalite'>, extra: Record<string, string>): string {
  const site: Record<string, string> = vue.siteChoisi && vue.modalite === 'presentiel' ? { site: vue.siteChoisi.id } : {};
  return `/rendez-vous?${new URLSearchParams({ ...Object.fromEntries(vue.report), ...site, ...extra })}`;
}

/** Préremplissage depuis l'assistant d'orientation et étape en cours : situation, commune (INSEE), origine, rappel, modalité, page, site. */
function prerempli(deps: Pick<Dependances, 'referentiel' | 'deploiement'>, p: URLSearchParams) {
  const origine = p.get('origine') === 'orientation' ? ('orientation' as const) : ('en-ligne' as const);
  const situation = (SITUATIONS as readonly string[]).includes(p.get('situation') ?? '') ? p.get('situation')! : '';
  const commune = deps.referentiel.commune(p.get('commune') ?? '');
  const rappel = p.get('rappel') === '1';
  const demandee = estModalite(p.get('modalite')) ? (p.get('modalite') as Modalite) : undefined;
  const modalite = demandee ?? (rappel ? 'telephone' : undefined);
  const report = new URLSearchParams();
  if (situation) report.set('situation', situation);
  // Les réponses de l'assistant d'orientation (mêmes noms que l'API) : reprises d'une étape à l'autre.
  const reponses = reponsesDeLAssistant(p);
  for (const [nom, valeur] of Object.entries(reponses)) if (valeur) report.set(nom, valeur);
  // Le métier compris par l'assistant (`profil.metier`), s'il l'a transmis : montré, retirable, jamais redemandé.
  const metier = (p.get('metier') ?? '').trim().slice(0, 120);
  const codeRome = /^[A-N]\d{4}$/.test(p.get('codeRome') ?? '') ? p.get('codeRome')! : '';
  if (metier.length >= 2) {
    report.set('metier', metier);
    if (codeRome) report.set('codeRome', codeRome);
  }
  if (commune) report.set('commune', commune.code);
  if (origine === 'orientation') report.set('origine', 'orientation');
  if (rappel) report.set('rappel', '1');
  const saisie: SaisieDemande = {
    nom: '',
    prenom: '',
    email: '',
    telephone: '',
    commune: commune ? libelleCommune(commune) : '',
    communeCode: commune?.code ?? '',
    situation,
    ...reponses,
    metier: metier.length >= 2 ? metier : '',
    codeRome: metier.length >= 2 ? codeRome : '',
    garderMetier: metier.length >= 2,
    motif: '',
    modalite: modalite ?? '',
    creneau: rappel ? 'rappel' : '',
    besoins: [],
    precision: '',
    consentement: false,
  };
  const apres = estDateCivile(p.get('apres') ?? '') ? p.get('apres')! : undefined;
  const siteChoisi = deps.deploiement.sites.find((s) => s.id === p.get('site'));
  return {
    origine,
    saisie,
    report,
    communeCode: commune?.code,
    ...(modalite ? { modalite } : {}),
    ...(apres ? { apres } : {}),
    ...(siteChoisi ? { siteChoisi } : {}),
  };
}

/** `enEmploi`, `accompagnementEnCours`… venus du lien de l'assistant : seules les valeurs que le schéma connaît. */
function reponsesDeLAssistant(p: URLSearchParams) {
  const booleen = (nom: string) => {
    const v = ouiNon(p.get(nom));
    return v === undefined ? '' : v ? 'oui' : 'non';
  };
  const accompagnement = p.get('accompagnementEnCours') ?? '';
  const age = p.get('age') ?? '';
  return {
    enEmploi: booleen('enEmploi'),
    rechercheEmploi: booleen('rechercheEmploi'),
    handicap: booleen('handicap'),
    cadre: booleen('cadre'),
    accompagnementEnCours: (['aucun', ...OPERATEURS_CEP] as readonly string[]).includes(accompagnement) ? accompagnement : '',
    age: /^\d{2}$/.test(age) && Number(age) >= 14 ? age : '',
  };
}

const estModalite = (m: string | null): m is Modalite => (MODALITES as readonly (string | null)[]).includes(m);

/** Les régions servies, pour la phrase d'introduction. */
function regionsServies(lots: readonly number[]): string {
  const noms = lots.map((n) => LOTS.find((l) => l.numero === n)?.nom ?? `lot ${n}`);
  if (noms.length === 1) return `de la région ${noms[0]}`;
  return noms.length <= 3 ? `des régions ${noms.join(', ')}` : 'des régions que nous servons';
}

/** Pour le résumé des erreurs : l'élément de la page à atteindre pour chaque champ. */
export const CIBLES_ERREURS = {
  creneauId: 'creneaux',
  rappel: 'creneaux',
  besoinsAccessibilite: 'besoins',
  requete: 'formulaire-demande',
  situation: 'situation',
  enEmploi: 'enEmploi-oui',
  accompagnementEnCours: 'accompagnementEnCours',
  motif: 'motif-faire-le-point',
  consentement: 'consentement',
};
