import { territoireDuDepartement } from '../calendrier/territoire.ts';
import { depotConseillers } from '../conseiller/repository.ts';
import type { ConseillerConnecte } from '../conseiller/service.ts';
import { erreursDeZod, type Echec, type ErreurChamp } from '../http/erreurs.ts';
import { champsRecus, champTexte, type Passage } from '../http/porte.ts';
import {
  consulterDemande,
  delaiRestant,
  enregistrerPremierEchange,
  reorienterDemande,
  schemaPremierEchange,
  schemaReorientation,
} from './file-d-attente.ts';
import { dateLocale, fuseauDuTerritoire } from '../calendrier/fuseaux.ts';
import type { Besoin } from './schema.ts';
import { ajouterLienVisio } from './visio.ts';

type Deps = Parameters<typeof enregistrerPremierEchange>[0] & Parameters<typeof consulterDemande>[0];

/** Ce que montre la fiche d'une demande dans l'espace conseiller, ou la page où aller après une action réussie. */
export interface VueDemandeConseiller {
  redirection?: string;
  echec?: Echec;
  message?: string;
  saisieEchange: { date: string; canal: string; compteId: string };
  saisieReorientation: { vers: string; motif: string };
  saisieLienVisio: string;
  dossier?: Awaited<ReturnType<typeof consulterDemande>>;
  commune?: ReturnType<Deps['referentiel']['commune']>;
  /** Aujourd'hui, dans le fuseau de la commune de la demande. */
  aujourdHui: string;
  delai?: ReturnType<typeof delaiRestant>;
  besoins?: { codes: Besoin[]; precision?: string };
  /** Les comptes actifs, pour choisir qui a mené l'échange. */
  comptes: Awaited<ReturnType<ReturnType<typeof depotConseillers>['listerComptes']>>;
  /** Les autres lots servis, vers lesquels réorienter. */
  autresLots: number[];
}

/**
 * La fiche `/espace-conseiller/rendez-vous/<référence>` : la demande (consultation tracée), et pour un envoi
 * l'enregistrement du premier échange ou la réorientation.
 */
export async function pageDemandeConseiller(
  deps: Deps,
  conseiller: ConseillerConnecte,
  reference: string,
  parametres: URLSearchParams,
  passage: Passage | undefined,
): Promise<VueDemandeConseiller> {
  const lien = `/espace-conseiller/rendez-vous/${reference}`;
  let saisieEchange = { date: '', canal: '', compteId: String(conseiller.id) };
  let saisieReorientation = { vers: '', motif: '' };
  let saisieLienVisio = '';
  let erreurs: ErreurChamp[] = [];
  const champs = champsRecus(passage);
  if (passage && !passage.ok) erreurs = passage.erreurs;
  else if (champs.get('action') === 'premier-echange') {
    saisieEchange = {
      date: champTexte(champs, 'date', 10),
      canal: champTexte(champs, 'canal', 20),
      compteId: champTexte(champs, 'compteId', 10),
    };
    const lu = schemaPremierEchange.safeParse(saisieEchange);
    const r = lu.success ? await enregistrerPremierEchange(deps, conseiller, reference, lu.data) : undefined;
    if (r?.ok) return vide(`${lien}?enregistre=1`, conseiller);
    erreurs = r ? [{ champ: r.champ, message: r.message }] : lu.success ? [] : erreursDeZod(lu.error);
  } else if (champs.get('action') === 'lien-visio') {
    saisieLienVisio = champTexte(champs, 'lienVisio', 600);
    const r = await ajouterLienVisio(deps, conseiller, reference, saisieLienVisio);
    if (r.ok) return vide(`${lien}?${r.envoye ? 'visio-envoye' : 'visio'}=1`, conseiller);
    erreurs = [{ champ: r.champ, message: r.message }];
  } else if (champs.get('action') === 'reorienter') {
    saisieReorientation = { vers: champTexte(champs, 'vers', 40), motif: champTexte(champs, 'motif', 600) };
    const lu = schemaReorientation.safeParse(saisieReorientation);
    const r = lu.success ? await reorienterDemande(deps, conseiller, reference, lu.data) : undefined;
    if (r?.ok) return vide(`${lien}?reorientee=1`, conseiller);
    erreurs = r ? [{ champ: r.champ, message: r.message }] : lu.success ? [] : erreursDeZod(lu.error);
  }
  const dossier = await consulterDemande(deps, conseiller, reference);
  const d = dossier?.demande;
  const commune = d ? deps.referentiel.commune(d.commune) : undefined;
  const territoire = territoireDuDepartement(commune?.departement ?? '');
  const aujourdHui = dateLocale(deps.maintenant(), fuseauDuTerritoire(territoire));
  const echec: Echec | undefined = !dossier
    ? { statut: 404, erreurs }
    : erreurs.length
      ? { statut: passage?.ok === false ? passage.statut : 400, erreurs }
      : undefined;
  const message = parametres.get('creee')
    ? d?.email
      ? 'Demande créée. La personne reçoit le courriel de confirmation avec son lien privé.'
      : 'Demande créée. La personne n’a pas d’adresse électronique : imprimez sa convocation ci-dessous.'
    : parametres.get('visio-envoye')
      ? 'Lien de visioconférence enregistré et envoyé à la personne par courriel ; il est aussi sur son lien privé.'
      : parametres.get('visio')
        ? 'Lien de visioconférence enregistré : il est sur le lien privé de la personne (elle n’a pas d’adresse électronique, donnez-le-lui par téléphone).'
        : parametres.get('enregistre')
          ? 'Premier échange enregistré : le délai est arrêté.'
          : parametres.get('reorientee')
            ? 'Demande réorientée. La personne est prévenue par courriel si elle change d’opérateur.'
            : undefined;
  return {
    saisieEchange,
    saisieReorientation,
    saisieLienVisio: saisieLienVisio || (d?.lienVisio ?? ''),
    aujourdHui,
    comptes: (await depotConseillers(deps.db).listerComptes())
      .filter((c) => c.actif),
    autresLots: d ? deps.deploiement.lots.filter((l) => l !== d.lot) : [],
    ...(dossier ? { dossier } : {}),
    ...(commune ? { commune } : {}),
    ...(d ? { delai: delaiRestant(aujourdHui, d.echeance, territoire) } : {}),
    ...(d?.besoinsAccessibilite ? { besoins: JSON.parse(d.besoinsAccessibilite) as { codes: Besoin[]; precision?: string } } : {}),
    ...(echec ? { echec } : {}),
    ...(message ? { message } : {}),
  };
}

const vide = (redirection: string, conseiller: ConseillerConnecte): VueDemandeConseiller => ({
  redirection,
  saisieEchange: { date: '', canal: '', compteId: String(conseiller.id) },
  saisieReorientation: { vers: '', motif: '' },
  saisieLienVisio: '',
  aujourdHui: '',
  comptes: [],
  autresLots: [],
});
