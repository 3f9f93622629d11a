import { acteurCompte, journaliserAction } from '../conseiller/audit.ts';
import type { ConseillerConnecte } from '../conseiller/service.ts';
import type { Dependances } from '../dependances.ts';
import { fileDesUo, LIGNES_PAR_PAGE_FILE, type FileDesUo } from './echeances.ts';

/** Ce que montre la file des UO : une page de lignes, les comptes de toute la file, et les liens de pagination. */
export interface VueFileUo extends FileDesUo {
  /** Vrai quand la file ne montre que les UO dont le conseiller connecté est le référent. */
  miennes: boolean;
  page: number;
  pages: number;
  /** Le lien d'une page de la file (garde le filtre « mes dossiers »). */
  lienPage: (page: number) => string;
}

/**
 * La page `/espace-conseiller/parcours` : les UO en retard puis à risque (10 jours ouvrés ou moins), une page de
 * `LIGNES_PAR_PAGE_FILE` lignes (`?page=2`), toutes ou celles du conseiller (`?miennes=1`). La consultation est tracée.
 */
export async function pageFileUo(
  deps: Pick<Dependances, 'db' | 'deploiement' | 'maintenant'> & Partial<Pick<Dependances, 'versions'>>,
  conseiller: Pick<ConseillerConnecte, 'id'>,
  parametres: URLSearchParams,
): Promise<VueFileUo> {
  const miennes = parametres.get('miennes') === '1';
  const demandee = /^\d{1,6}$/.test(parametres.get('page') ?? '') ? Number(parametres.get('page')) : 1;
  const page = Math.max(1, demandee);
  const filtre = {
    limite: LIGNES_PAR_PAGE_FILE,
    decalage: (page - 1) * LIGNES_PAR_PAGE_FILE,
    ...(miennes ? { referentId: conseiller.id } : {}),
  };
  const file = await fileDesUo(deps, filtre);
  const pages = Math.max(1, Math.ceil((file.enRetard + file.aRisque) / LIGNES_PAR_PAGE_FILE));
  await journaliserAction(deps.db, {
    acteur: acteurCompte(conseiller.id),
    action: 'parcours.file.consultation',
    details: { enRetard: file.enRetard, aRisque: file.aRisque, page },
    horodatage: deps.maintenant().toISOString(),
  });
  const lienPage = (p: number) => {
    const q = new URLSearchParams();
    if (miennes) q.set('miennes', '1');
    if (p > 1) q.set('page', String(p));
    const s = q.toString();
    return `/espace-conseiller/parcours${s ? `?${s}` : ''}`;
  };
  return { ...file, miennes, page, pages, lienPage };
}
