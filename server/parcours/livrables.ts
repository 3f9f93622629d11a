import { enTransaction } from '../../db/transaction.ts';
import type { Executeur } from '../../db/client.ts';
import { acteurCompte, journaliserAction } from '../conseiller/audit.ts';
import { depotConseillers } from '../conseiller/repository.ts';
import type { Dependances } from '../dependances.ts';
import { depotOrganismes } from '../organismes/repository.ts';
import { listeComplete } from '../organismes/service.ts';
import { echec } from './erreurs.ts';
import type { DocumentLivrable, ListeNeutre } from './pdf.ts';
import { depotParcours, type Dossier, type Livrable, type UniteOeuvre } from './repository.ts';
import { schemaEtatDesLieux, schemaProjetProfessionnel, type EtatDesLieux, type ProjetProfessionnel } from './schema.ts';
import { lire, uoServie, type Deps } from './service.ts';

type DepsLivrable = Deps & Pick<Dependances, 'referentielsParcours'>;

export const TITRES = { 'etat-des-lieux': 'État des lieux partagé', 'projet-professionnel': 'Projet professionnel' } as const;

/**
 * L'instantané de la liste neutre : pour chaque prestation souhaitée, tous les organismes certifiés de la région qui la
 * proposent, par ordre alphabétique — la même liste que /organismes (CCAP 19.3.4, décision sur la neutralité).
 */
export async function listeNeutre(
  deps: Pick<Dependances, 'db' | 'deploiement' | 'referentiel' | 'maintenant' | 'referentielsParcours'>,
  dossier: Dossier,
  projet: ProjetProfessionnel,
): Promise<ListeNeutre | undefined> {
  if (projet.prestationsSouhaitees.length === 0) return undefined;
  const region = deps.referentiel.commune(dossier.commune)?.region ?? '';
  const prestations: ListeNeutre['prestations'] = [];
  for (const s of projet.prestationsSouhaitees) {
    const organismes = await listeComplete(deps, {
      region,
      prestation: deps.referentielsParcours.prestationOrganismes(s.prestation),
      specialite: s.specialite,
      certifies: 'oui',
      ordre: 'alphabetique',
      page: 1,
    });
    prestations.push({
      prestation: s.prestation,
      libelle: deps.referentielsParcours.libelle('prestations-complementaires', s.prestation) ?? s.prestation,
      ...(s.specialite ? { specialite: s.specialite } : {}),
      organismes: organismes.map((o) => ({
        numero: o.numero,
        denomination: o.denomination,
        adresse: o.adresse,
        organismeDeLOperateur: o.organismeDeLOperateur,
      })),
    });
  }
  return {
    prisLe: deps.maintenant().toISOString(),
    dateDonnees: (await depotOrganismes(deps.db).dernierImport())?.dateDonnees ?? null,
    region: deps.referentiel.region(region)?.nom ?? region,
    prestations,
  };
}

/**
 * Écrit (ou réécrit) le livrable d'une UO ouverte : l'état des lieux partagé (UO 1) ou le projet professionnel (UO 2.1),
 * avec, pour le projet, l'instantané daté de la liste neutre. Un contenu modifié fait perdre les signatures déjà posées
 * (le conseiller devra signer à nouveau, les codes envoyés ne valent plus) ; un contenu identique ne change rien.
 */
export async function redigerLivrable(deps: DepsLivrable, acteur: { id: number }, uoId: number, saisie: unknown) {
  const trouvee = await uoServie(deps, uoId);
  if (!trouvee) return echec('UO_INCONNUE');
  const { uo, dossier } = trouvee;
  if (uo.uo === '22') return echec('LIVRABLE_SANS_OBJET');
  if (uo.statut === 'close') return echec('UO_CLOSE');
  const type = uo.uo === '01' ? ('etat-des-lieux' as const) : ('projet-professionnel' as const);
  const lu = lire(type === 'etat-des-lieux' ? schemaEtatDesLieux : schemaProjetProfessionnel, saisie);
  if (!lu.ok) return lu;
  let liste: ListeNeutre | undefined;
  if (type === 'projet-professionnel') {
    const projet = lu.valeur as ProjetProfessionnel;
    const sansListe = projet.prestationsSouhaitees.findIndex((s) => !deps.referentielsParcours.prestationOrganismes(s.prestation));
    if (sansListe >= 0)
      return echec('SAISIE_INVALIDE', [
        {
          champ: `prestationsSouhaitees.${sansListe}.prestation`,
          message: 'Choisissez une prestation proposée par des organismes : formation, bilan de compétences, VAE ou apprentissage.',
        },
      ]);
    liste = await listeNeutre(deps, dossier, projet);
  }
  const contenu = JSON.stringify(lu.valeur);
  const instant = deps.maintenant().toISOString();
  const depot = depotParcours(deps.db);
  const existant = await depot.livrableDeUo(uo.id);
  if (existant?.contenu === contenu) return { ok: true as const, livrable: existant };
  const livrable = await enTransaction(deps.db, async (tx) => {
    const d = depotParcours(tx);
    const valeurs = { contenu, listeNeutre: liste ? JSON.stringify(liste) : null, redigePar: acteur.id, modifieLe: instant };
    if (!existant) {
      const cree = d.insererLivrable({ uoId: uo.id, type, ...valeurs });
      await journaliserAction(tx, {
        acteur: acteurCompte(acteur.id),
        action: 'parcours.livrable',
        cible: uo.numero,
        details: { type, version: 1 },
        horodatage: instant,
      });
      return cree;
    }
    const signaturesPerdues = existant.statut === 'signe-conseiller';
    await d.modifierLivrable(existant.id, {
      ...valeurs,
      version: existant.version + 1,
      statut: 'brouillon',
      empreinte: null,
      pdf: null,
      conseillerSigneLe: null,
      conseillerId: null,
    });
    if (signaturesPerdues) await d.annulerCodes(existant.id);
    await journaliserAction(tx, {
      acteur: acteurCompte(acteur.id),
      action: 'parcours.livrable',
      cible: uo.numero,
      details: { type, version: existant.version + 1, signaturesPerdues },
      horodatage: instant,
    });
    return (await d.livrable(existant.id))!;
  });
  return { ok: true as const, livrable };
}

/** Les sections imprimées d'un livrable, dans l'ordre du seed (§2.1.2, §2.1.3). */
export function sectionsDuLivrable(livrable: Pick<Livrable, 'type' | 'contenu'>): { titre: string; texte: string }[] {
  if (livrable.type === 'etat-des-lieux') {
    const c = JSON.parse(livrable.contenu) as EtatDesLieux;
    return [
      { titre: 'Analyse partagée de la situation', texte: c.analyseSituation },
      { titre: 'Informations échangées', texte: c.informationsEchangees },
      {
        titre: 'Décision',
        texte:
          c.decision === 'poursuivre'
            ? 'La personne souhaite poursuivre par un accompagnement personnalisé.'
            : 'La personne ne souhaite pas poursuivre : le service s’arrête ici.',
      },
      {
        titre: 'Prochaines étapes',
        texte: `Opérateur : ${c.prochainesEtapes.operateur}\nContenus : ${c.prochainesEtapes.contenus}\nObjectifs : ${c.prochainesEtapes.objectifs}\nModalités : ${c.prochainesEtapes.modalites}`,
      },
    ];
  }
  const c = JSON.parse(livrable.contenu) as ProjetProfessionnel;
  return [
    { titre: 'Le projet d’évolution professionnelle', texte: c.projet },
    { titre: 'Analyse de la situation au regard du projet', texte: c.analyse },
    { titre: 'Principales informations partagées', texte: c.informationsPartagees },
    { titre: 'Plan d’actions', texte: c.planActions },
    {
      titre: 'Appui à la mise en œuvre du projet',
      texte: c.souhaitAppuiMiseEnOeuvre
        ? 'La personne souhaite bénéficier d’un appui à la mise en œuvre de son projet (UO 2.2).'
        : 'La personne ne souhaite pas, à ce stade, d’appui à la mise en œuvre de son projet.',
    },
  ];
}

/** Le document imprimable d'un livrable, daté de `etabliLe`. */
export async function documentDuLivrable(
  deps: { db: Executeur },
  livrable: Livrable,
  uo: UniteOeuvre,
  dossier: Dossier,
  etabliLe: string,
): Promise<DocumentLivrable> {
  const conseiller =
    (await depotConseillers(deps.db).compteParId(livrable.conseillerId ?? livrable.redigePar ?? 0))?.nomAffiche ?? 'Conseiller ou conseillère CEP';
  return {
    titre: TITRES[livrable.type],
    personne: { nom: dossier.nom, prenom: dossier.prenom },
    numero: uo.numero,
    uo: uo.uo,
    dateEngagement: uo.dateEngagement,
    version: livrable.version,
    etabliLe,
    conseiller,
    sections: sectionsDuLivrable(livrable),
    ...(livrable.listeNeutre ? { listeNeutre: JSON.parse(livrable.listeNeutre) as ListeNeutre } : {}),
  };
}
