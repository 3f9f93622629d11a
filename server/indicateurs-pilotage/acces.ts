import type { ConseillerConnecte } from '../conseiller/service.ts';

/**
 * Les indicateurs de pilotage sont réservés aux responsables (issue 8 : « for managers ») : ils servent au comité de
 * suivi avec France compétences, pas au travail quotidien d'un conseiller.
 */
export const peutVoirLesIndicateurs = (conseiller: Pick<ConseillerConnecte, 'role'> | undefined) => conseiller?.role === 'manager';

/** Le message d'un accès refusé, pour la page et le CSV. */
export const MESSAGE_ACCES_REFUSE =
  'Les indicateurs de pilotage sont réservés aux responsables. Si vous en avez besoin, demandez à votre responsable de vous les transmettre ou de changer votre rôle.';
